from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        # The catalog announces parsed specs with a signal rather than calling governance:
        # the catalog stays usable (and testable) without this app, and the dependency
        # points one way only, from governance to catalog.
        from django.contrib.auth.signals import user_logged_in

        from catalog.signals import spec_ready
        from governance.receivers import lint_when_spec_ready, remember_reviewer

        spec_ready.connect(lint_when_spec_ready, dispatch_uid="governance-lint-on-spec-ready")
        user_logged_in.connect(remember_reviewer, dispatch_uid="governance-remember-reviewer")
        # A new spec on a version being released sends its release back to the checks.
        from governance.services.releases import release_on_spec_ready

        spec_ready.connect(release_on_spec_ready, dispatch_uid="governance-release-on-spec-ready")
