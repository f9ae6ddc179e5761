"""The portal's Django project.

The Celery app is not imported here, so `portal lint` starts without loading Celery;
Django loads it at start-up (operations.apps) and `celery -A portal` finds portal.celery.
"""


def __getattr__(name: str):
    if name == "celery_app":
        from portal.celery import app

        return app
    raise AttributeError(f"module 'portal' has no attribute {name!r}")
