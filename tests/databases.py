"""Connection URLs for processes that a test starts (a worker, a probe) on the test database."""

from django.db import connection


def database_url_for_tests() -> str:
    """A DATABASE_URL for the database this test session uses (pytest-django's test_*)."""
    settings = connection.settings_dict
    name = settings["NAME"]
    host = settings["HOST"] or settings["OPTIONS"].get("host", "")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    credentials = f"{settings['USER']}:{settings['PASSWORD']}"
    if host.startswith("/"):
        return f"postgresql://{credentials}@{port}/{name}?host={host}"
    return f"postgresql://{credentials}@{host}{port}/{name}"
