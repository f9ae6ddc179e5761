from django.db import models

from catalog.models import Audience


class NoticePolicy(models.Model):
    """The shortest notice a deprecation may give an API's audience, set by admins.

    An audience without a row uses the PORTAL_NOTICE_DAYS_* setting.
    """

    audience = models.CharField(max_length=10, choices=Audience.choices, unique=True)
    minimum_days = models.PositiveIntegerField(
        help_text="Days between the deprecation and the sunset, at least."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["audience"]
        verbose_name_plural = "notice policies"

    def __str__(self) -> str:
        return f"{self.get_audience_display()}: {self.minimum_days} days"
