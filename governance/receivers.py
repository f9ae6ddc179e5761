"""Receivers of the catalog's signals."""


def lint_when_spec_ready(sender, *, spec, **kwargs) -> None:
    """Requests the lint runs of every version using a document the catalog made ready."""
    from governance.services import lint_spec_ready

    lint_spec_ready(spec=spec)
