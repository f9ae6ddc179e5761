import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["team", "metadatafield", "api", "version", "specdocument", "auditevent"],
)
def test_it_lists_catalog_models_in_the_admin(admin_user, api, path):
    response = client_for(admin_user).get(f"/admin/catalog/{path}/")
    assert response.status_code == 200


def test_it_keeps_the_admin_from_members(owner):
    response = client_for(owner).get("/admin/catalog/api/")
    assert response.status_code == 302
