import pytest

from tests.conftest import client_for
from tests.governance.factories import LintRunFactory, RulesetRevisionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["ruleset", "rulesetassignment", "lintrun", "relintbatch"])
def test_it_lists_governance_models_in_the_admin(admin_user, path):
    LintRunFactory(revision=RulesetRevisionFactory(), builtin="")
    response = client_for(admin_user).get(f"/admin/governance/{path}/")
    assert response.status_code == 200
