from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        from celery.signals import worker_ready

        import portal.celery  # noqa: F401 - binds @shared_task to the portal's app in web processes

        worker_ready.connect(_record_first_heartbeat, weak=False)


def _record_first_heartbeat(sender=None, **kwargs) -> None:
    # Health turns green as soon as a worker is up, not 30 s later at beat's first tick.
    from operations.services import heartbeat_record

    heartbeat_record(worker=getattr(sender, "hostname", None) or "unknown")
