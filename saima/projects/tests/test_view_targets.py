from decimal import Decimal

import pytest
from django.urls import reverse

from saima.audit.models import AuditEntry
from saima.projects.models import Target

LIST = reverse("target_list")
SET = reverse("target_set")


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 200),
        ("dispatcher", 200),
        ("county_admin", 403),
        ("secretary", 403),
        ("viewer", 403),
        ("outsider", 403),
    ],
)
def test_only_dispatchers_set_targets(login, world, persona, status):
    assert login(persona).get(SET).status_code == status


def test_it_sets_and_replaces_a_target(login, world):
    client = login("dispatcher")
    data = {"region": "220502", "year": 2022, "stage": "签约", "count": 8}
    response = client.post(SET, data)
    assert response["Location"] == f"{LIST}?region=220502&year=2022"
    client.post(SET, {**data, "count": 9, "investment_wan": "50000"})
    target = Target.objects.get()
    assert (target.count, target.investment_wan) == (9, Decimal("50000"))
    assert AuditEntry.objects.filter(model="projects.Target", source="web").count() == 2
    prefilled = client.get(SET, {"region": "220502", "year": "2022", "stage": "签约"})
    assert prefilled.context["form"].initial["count"] == 9


def test_targets_outside_ones_regions_or_bad_counts_are_refused(login, world):
    client = login("dispatcher")
    response = client.post(SET, {"region": "220602", "year": 2022, "stage": "签约", "count": 3})
    assert response.status_code == 400 and "区划：" in response.content.decode()
    response = client.post(SET, {"region": "220502", "year": 2022, "stage": "签约", "count": -3})
    assert response.status_code == 400 and "目标个数：" in response.content.decode()
    assert not Target.objects.exists()


def test_the_list_shows_the_region_and_below(login, world):
    Target.objects.create(region=world.county, year=2022, stage="谋划", count=16)
    Target.objects.create(region=world.sibling, year=2022, stage="开工", count=3)
    Target.objects.create(region=world.other_county, year=2022, stage="开工", count=7)
    response = login("viewer").get(LIST, {"year": 2022})
    rows = {row["region"].code: row["cells"] for row in response.context["table"]}
    assert set(rows) == {"220502", "220523"}
    assert rows["220502"][0].count == 16
    assert SET not in response.content.decode()
    assert SET in login("dispatcher").get(LIST, {"year": 2022}).content.decode()
    assert login("county_admin").get(LIST, {"region": "220500"}).status_code == 404
