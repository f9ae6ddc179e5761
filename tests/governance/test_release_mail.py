"""Mail: reviewers (not the submitter) when a release waits; owners when it is decided;
never twice for one event."""

import pytest

from catalog.services import Actor
from governance.services import release_approve, release_notify
from tests.governance.release_factories import PETS_BREAKING, draft, released, submitted

pytestmark = pytest.mark.django_db


def test_it_mails_reviewers_when_a_release_waits_and_owners_when_decided(
    api, owner, reviewer, admin_user, mailoutbox
):
    released(api)
    release = submitted(reviewer, draft(api, "1.1.0", PETS_BREAKING))  # a reviewer submits

    assert release_notify(release_id=release.pk, event="waiting") == 1
    assert release_notify(release_id=release.pk, event="waiting") == 0  # claimed once
    (waiting,) = mailoutbox
    assert waiting.bcc == ["admin@example.com"]  # every reviewer but the submitter
    assert waiting.subject == "Release to review: Payments API 1.1.0"
    assert f"/governance/releases/{release.pk}/" in waiting.body

    release_approve(actor=Actor.of_user(admin_user), release=release)
    assert release_notify(release_id=release.pk, event="decided") == 2
    decided = mailoutbox[1]
    assert sorted(decided.bcc) == ["payments@example.com", "reviewer@example.com"]
    assert "released" in decided.subject
