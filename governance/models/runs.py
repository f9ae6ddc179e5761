from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from catalog.models import SpecDocument
from governance.models.rulesets import Ruleset, RulesetRevision


class Severity(models.IntegerChoices):
    """Spectral's severities and numbers (lower is worse)."""

    ERROR = 0, "Error"
    WARN = 1, "Warning"
    INFO = 2, "Information"
    HINT = 3, "Hint"


class LintRun(models.Model):
    """One lint of one spec document with one ruleset revision (or a built-in ruleset).

    Unique per (document, ruleset revision or built-in name, engine version): the same
    bytes checked by the same rules give the same findings, so a re-run is free.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    spec = models.ForeignKey(SpecDocument, on_delete=models.CASCADE, related_name="lint_runs")
    revision = models.ForeignKey(
        RulesetRevision, null=True, blank=True, on_delete=models.PROTECT, related_name="runs"
    )
    builtin = models.CharField(
        max_length=60, blank=True, help_text="The built-in ruleset, when there is no revision."
    )
    engine_version = models.CharField(max_length=40)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    document_format = models.CharField(max_length=10, blank=True, help_text="oas2, oas3.1...")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    infos = models.PositiveIntegerField(default=0)
    hints = models.PositiveIntegerField(default=0)
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 to 100.")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revision__isnull=False, builtin="")
                | Q(revision__isnull=True) & ~Q(builtin=""),
                name="lintrun_one_ruleset",
            ),
            models.UniqueConstraint(
                fields=["spec", "revision", "engine_version"],
                condition=Q(revision__isnull=False),
                name="lintrun_unique_spec_revision",
            ),
            models.UniqueConstraint(
                fields=["spec", "builtin", "engine_version"],
                condition=Q(revision__isnull=True),
                name="lintrun_unique_spec_builtin",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="lintrun_score_range"
            ),
        ]
        indexes = [
            # The latest run of a document (version pages, roll-ups).
            models.Index(fields=["spec", "-created_at"], name="lintrun_spec_recent_idx"),
            # The sweep for runs left behind: status in (queued, running).
            models.Index(
                fields=["created_at"],
                name="lintrun_unfinished_idx",
                condition=Q(status__in=["queued", "running"]),
            ),
        ]

    def __str__(self) -> str:
        return f"lint of {self.spec} with {self.ruleset_label}"

    @property
    def ruleset_label(self) -> str:
        return str(self.revision) if self.revision_id else self.builtin

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class LintFinding(models.Model):
    """One problem a rule found in a linted document, with its place in the source text.

    `is_new` is forward-only governance: False ("inherited") when the previous version of
    the API, linted with the same ruleset, has a finding with the same code and path.
    """

    run = models.ForeignKey(LintRun, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=200)
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    message = models.TextField()
    path = ArrayField(models.TextField(), default=list, blank=True)
    start_line = models.PositiveIntegerField(help_text="0-based, as Spectral.")
    start_character = models.PositiveIntegerField()
    end_line = models.PositiveIntegerField()
    end_character = models.PositiveIntegerField()
    documentation_url = models.CharField(max_length=500, blank=True)
    is_new = models.BooleanField(default=True)

    class Meta:
        ordering = ["run", "severity", "start_line", "start_character", "code", "id"]
        indexes = [
            # The findings of a run, filtered by severity, in the order pages show them.
            models.Index(
                fields=["run", "severity", "start_line"], name="lintfinding_run_severity_idx"
            ),
            models.Index(fields=["run", "code"], name="lintfinding_run_code_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} at line {self.start_line + 1}"


class RelintBatch(models.Model):
    """The background re-lint that follows a ruleset change, with its progress.

    `runs` are the runs the batch waits for; the counters are recomputed from them
    each time one of them finishes, so they stay right however often a task runs.
    """

    ruleset = models.ForeignKey(
        Ruleset, null=True, blank=True, on_delete=models.SET_NULL, related_name="relint_batches"
    )
    reason = models.CharField(max_length=200)
    runs = models.ManyToManyField(LintRun, blank=True, related_name="batches")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "relint batches"

    def __str__(self) -> str:
        return f"re-lint: {self.reason}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.finished_at else 0
        return min(100, round(100 * (self.done + self.failed) / self.total))
