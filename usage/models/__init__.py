"""The usage app's models, re-exported here."""

__all__: list[str] = []
