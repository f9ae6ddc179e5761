"""load_releases_demo: the demo's versions in review are submitted by their team owners."""

from django.core.management import call_command

from catalog.models import Lifecycle
from governance.models import Release, ReleaseState
from tests.governance.release_factories import PETS_BREAKING, PETS_V1, draft, released


def test_it_submits_each_version_in_review_once_as_its_team_owner(api, owner):
    released(api, "1.0.0", PETS_V1)
    waiting = draft(api, "1.1.0", PETS_BREAKING)
    waiting.lifecycle = Lifecycle.IN_REVIEW
    waiting.save(update_fields=["lifecycle"])
    draft(api, "1.2.0", PETS_V1)  # a draft stays a draft

    for _ in range(2):  # safe to rerun
        call_command("load_releases_demo")

    release = Release.objects.get()
    assert (release.version, release.submitted_by, release.state) == (
        waiting,
        owner,
        ReleaseState.SUBMITTED,
    )
