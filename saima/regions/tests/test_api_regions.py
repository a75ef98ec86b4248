from saima.core.tests.apiclient import api_client
from saima.regions.models import Department


def codes(user, query=""):
    response = api_client(user).get(f"/api/v1/regions{query}")
    assert response.status_code == 200
    return [r["code"] for r in response.json()["results"]]


def test_it_lists_the_regions_in_scope(world):
    assert codes(world.county_admin) == ["220502"]
    assert codes(world.dispatcher) == ["220500", "220502", "220523"]
    assert codes(world.outsider) == ["220600", "220602"]
    assert len(codes(world.admin)) == 6


def test_it_serves_the_contract_fields(world):
    body = api_client(world.viewer).get("/api/v1/regions/220502").json()
    assert body == {"code": "220502", "name": "东昌区", "level": "county", "parent": "220500"}


def test_it_filters_by_parent_and_level(world):
    assert codes(world.admin, "?parent=220500") == ["220502", "220523"]
    assert codes(world.admin, "?level=city") == ["220500", "220600"]
    assert api_client(world.admin).get("/api/v1/regions?level=村").status_code == 400


def test_a_region_outside_the_scope_is_not_found(world):
    assert api_client(world.county_admin).get("/api/v1/regions/220523").status_code == 404
    assert api_client(world.county_admin).get("/api/v1/regions/999999").status_code == 404


def test_it_lists_a_regions_departments(world):
    Department.objects.create(region=world.sibling, name="辉南县发改局")
    body = api_client(world.county_admin).get("/api/v1/regions/220502/departments").json()
    assert [d["name"] for d in body["results"]] == ["东昌区发改局"]
    response = api_client(world.county_admin).get("/api/v1/regions/220523/departments")
    assert response.status_code == 404
