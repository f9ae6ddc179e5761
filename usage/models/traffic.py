from django.db import models
from django.db.models import Q

from catalog.models import Version
from usage.models.consumers import Consumer


class StatusClass(models.IntegerChoices):
    """The first digit of an HTTP status; 0 when the gateway logged none."""

    UNKNOWN = 0, "No status"
    INFORMATIONAL = 1, "1xx"
    SUCCESS = 2, "2xx"
    REDIRECT = 3, "3xx"
    CLIENT_ERROR = 4, "4xx"
    SERVER_ERROR = 5, "5xx"


class UsageEvent(models.Model):
    """One observed call, kept for PORTAL_USAGE_RAW_RETENTION_DAYS.

    The table is partitioned by day in PostgreSQL (see the migration), so retention drops
    a partition instead of deleting rows. `key` identifies the call: the event id or the
    log line's request id when there is one, else a hash of its content; the same call
    ingested twice is one row, and only rows that were new reach the rollups. Version and
    consumer are plain ids, not foreign keys: a check per row would halve ingest speed, and
    rows outlive nothing (retention drops them).
    """

    pk = models.CompositePrimaryKey("occurred_on", "key")
    occurred_on = models.DateField()
    key = models.UUIDField()
    occurred_at = models.DateTimeField()
    version = models.ForeignKey(
        Version, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    operation = models.CharField(max_length=300, blank=True)
    consumer = models.ForeignKey(
        Consumer, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    credential = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=10)
    host = models.CharField(max_length=255, blank=True)
    path = models.CharField(max_length=2000)
    status = models.SmallIntegerField()

    class Meta:
        # Created by RunSQL as a partitioned table; Django keeps the state only.
        managed = False
        db_table = "usage_event"

    def __str__(self) -> str:
        return f"{self.method} {self.host}{self.path} {self.status} at {self.occurred_at}"


class UsageDaily(models.Model):
    """Calls per day, version, operation, consumer and status class, with first and last
    seen. `operation` is "METHOD /path/{template}" ('' when no operation of the version
    matched); `consumer` is null for calls with no known credential."""

    day = models.DateField()
    # No index of their own: the (version, day) and (consumer, day) indexes serve both,
    # and every index is one more write per ingested bucket.
    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, related_name="daily_usage", db_index=False
    )
    operation = models.CharField(max_length=300, blank=True)
    consumer = models.ForeignKey(
        Consumer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="daily_usage",
        db_index=False,
    )
    status_class = models.SmallIntegerField(choices=StatusClass.choices)
    calls = models.BigIntegerField()
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-day", "version", "operation"]
        verbose_name_plural = "daily usage"
        constraints = [
            # The ingest's ON CONFLICT target; null consumers are one bucket, not many.
            models.UniqueConstraint(
                fields=["day", "version", "operation", "consumer", "status_class"],
                name="usagedaily_unique_bucket",
                nulls_distinct=False,
            ),
        ]
        indexes = [
            # version_consumers and consumers_calling_operations: one version, recent days.
            models.Index(fields=["version", "day"], name="usagedaily_version_day_idx"),
            # The consumer page: what it called lately.
            models.Index(fields=["consumer", "day"], name="usagedaily_consumer_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.version_id} {self.operation} {self.calls}"


class VersionDaily(models.Model):
    """Calls per version and day: the burn-down chart and the catalog-wide "in use" list
    read this small table rather than summing UsageDaily."""

    day = models.DateField()
    # Served by versiondaily_unique_day (version, day): no index of its own.
    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, related_name="daily_calls", db_index=False
    )
    calls = models.BigIntegerField()
    identified_calls = models.BigIntegerField(help_text="Calls with a known consumer.")
    error_calls = models.BigIntegerField(help_text="Calls answered with a 5xx.")
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-day", "version"]
        verbose_name_plural = "version daily calls"
        constraints = [
            models.UniqueConstraint(fields=["version", "day"], name="versiondaily_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.version_id} {self.calls}"


class UnattributedDaily(models.Model):
    """Traffic that could not be fully attributed, counted per day, reason and subject, so
    it is shown and never silently dropped."""

    class Reason(models.TextChoices):
        NO_VERSION = "no-version", "No API version serves this host and path"
        NO_OPERATION = "no-operation", "The version has no operation for this method and path"
        UNKNOWN_CREDENTIAL = "unknown-credential", "The credential belongs to no consumer"
        ANONYMOUS = "anonymous", "No credential was logged"

    day = models.DateField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    version = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=300, help_text="Host and path prefix, or credential.")
    calls = models.BigIntegerField()
    sample = models.CharField(max_length=500, blank=True, help_text="One path seen.")
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-day", "-calls"]
        verbose_name_plural = "unattributed daily traffic"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "reason", "version", "subject"],
                name="unattributeddaily_unique_bucket",
                nulls_distinct=False,
            ),
        ]
        indexes = [
            # The unattributed page: the last N days, biggest first.
            models.Index(
                fields=["day"], name="unattributed_named_idx", condition=~Q(reason="anonymous")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason} {self.subject} {self.calls}"
