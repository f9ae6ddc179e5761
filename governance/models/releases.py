from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from catalog.models import SpecDocument, Version


class ReleaseState(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"  # waiting for a worker to run the checks
    CHECKING = "checking", "Checking"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    RELEASED = "released", "Released"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A version has at most one release in these states: the one being decided.
OPEN_STATES = (
    ReleaseState.SUBMITTED,
    ReleaseState.CHECKING,
    ReleaseState.IN_REVIEW,
    ReleaseState.CHANGES_REQUESTED,
)


class Release(models.Model):
    """The governed release of one version: its spec as submitted (bound by sha256), the checks
    a worker ran on it (lint, diff against the last release, semver), the route the policy
    chose (how many reviewers must approve) and where it stands."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="releases")
    spec = models.ForeignKey(SpecDocument, on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(max_length=64, help_text="The spec the checks and approvals saw.")
    state = models.CharField(
        max_length=20, choices=ReleaseState.choices, default=ReleaseState.SUBMITTED
    )
    audience = models.CharField(max_length=10, help_text="The API's audience when checked.")
    base = models.ForeignKey(
        Version,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The released version the spec was compared with.",
    )
    required_approvals = models.PositiveSmallIntegerField(default=0)
    route = models.CharField(max_length=300, blank=True, help_text="Why the policy chose it.")
    breaking_count = models.PositiveIntegerField(default=0)
    lint_errors = models.PositiveIntegerField(null=True, blank=True)
    checks = models.JSONField(default=dict, blank=True)
    changelog = models.TextField(blank=True, help_text="Markdown, from the diff.")

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_label = models.CharField(max_length=200)
    submitted_at = models.DateTimeField(auto_now_add=True)
    check_started_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    review_started_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Claimed by the notification task, so a retried task does not mail twice.
    review_notified_at = models.DateTimeField(null=True, blank=True)
    decision_notified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(state__in=OPEN_STATES),
                name="release_one_open_per_version",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReleaseState.values), name="release_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="release_sha256_hex"
            ),
        ]
        indexes = [
            # The approvals inbox: releases in review, longest waiting first.
            models.Index(
                fields=["review_started_at"],
                name="release_in_review_idx",
                condition=Q(state="in_review"),
            ),
            # A version's releases, newest first (history, status for CI).
            models.Index(fields=["version", "-submitted_at"], name="release_version_recent_idx"),
            # The sweep for releases whose checks never ran: state in (submitted, checking).
            models.Index(
                fields=["submitted_at"],
                name="release_unchecked_idx",
                condition=Q(state__in=["submitted", "checking"]),
            ),
        ]

    def __str__(self) -> str:
        return f"release of {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("governance:release-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ReleaseReview(models.Model):
    """One reviewer's act on a release: a comment, an approval, a rejection or a request for
    changes, bound to the spec (sha256) on screen when it was made. An approval of an older
    spec does not count once a new one is pushed."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        APPROVE = "approve", "Approval"
        REJECT = "reject", "Rejection"
        REQUEST_CHANGES = "request_changes", "Changes requested"
        WITHDRAW = "withdraw", "Withdrawal"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sha256 = models.CharField(max_length=64)
    body = models.TextField(blank=True, help_text="Markdown.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["release", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "author", "sha256"],
                condition=Q(kind="approve"),
                name="releasereview_one_approval_per_spec",
            ),
        ]
        indexes = [models.Index(fields=["release", "kind"], name="releasereview_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author_label}"


class AcceptedChange(models.Model):
    """A breaking change a reviewer accepted for one release, with the reason: passed to the
    differ as an ignore entry, so it is still listed but no longer blocks."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="accepted_changes")
    change_id = models.CharField(max_length=200)
    operation = models.CharField(max_length=2100, blank=True, help_text="Empty: everywhere.")
    reason = models.TextField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["release", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "change_id", "operation"], name="acceptedchange_unique"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="acceptedchange_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.change_id} accepted for {self.release}"
