import pytest
from django.urls import reverse

from saima.audit.models import AuditEntry
from saima.projects.models import FundingChannel, ReserveEntry

POOL = reverse("reserve_pool")


def channel(name):
    return FundingChannel.objects.get(name=name)


def add_url(project):
    return reverse("reserve_create", kwargs={"pk": project.pk})


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 302),
        ("dispatcher", 302),
        ("county_admin", 302),
        ("secretary", 403),
        ("leader", 403),
        ("viewer", 403),
        ("other_admin", 404),
        ("outsider", 404),
    ],
)
def test_each_role_may_fill_the_pool_or_is_refused(login, world, persona, status):
    data = {"channel": channel("专项债券").pk, "status": "储备"}
    assert login(persona).post(add_url(world.project), data).status_code == status
    assert ReserveEntry.objects.exists() == (status == 302)


def test_it_adds_moves_and_refuses_duplicates(login, world):
    client = login("county_admin")
    client.post(add_url(world.project), {"channel": channel("专项债券").pk, "status": "储备"})
    entry = ReserveEntry.objects.get()
    edit = reverse("reserve_edit", kwargs={"entry_pk": entry.pk})
    response = client.post(edit, {"channel": entry.channel_id, "status": "推进", "next": "pool"})
    assert response["Location"] == f"{POOL}?region=220502"
    entry.refresh_from_db()
    assert entry.status == "推进"
    assert AuditEntry.objects.filter(model="projects.ReserveEntry", source="web").count() == 2
    response = client.post(add_url(world.project), {"channel": entry.channel_id, "status": "储备"})
    assert response.status_code == 400
    assert "该项目已在此资金渠道的储备库中" in response.content.decode()


def test_the_pool_groups_by_channel_with_status_counts(login, world):
    ReserveEntry.objects.create(project=world.project, channel=channel("专项债券"), status="争取")
    ReserveEntry.objects.create(project=world.sibling_project, channel=channel("专项债券"))
    ReserveEntry.objects.create(project=world.project, channel=channel("中央预算内"), status="推进")
    ReserveEntry.objects.create(project=world.far_project, channel=channel("中央预算内"))
    response = login("dispatcher").get(POOL)
    groups = {g["channel"].name: g for g in response.context["groups"]}
    assert set(groups) == {"专项债券", "中央预算内"}
    assert groups["专项债券"]["counts"] == [("储备", 1), ("争取", 1), ("推进", 0)]
    assert "浑江区轻工产业园区" not in response.content.decode()
    response = login("dispatcher").get(POOL, {"status": "推进"})
    assert [len(g["entries"]) for g in response.context["groups"]] == [1]


def test_viewers_see_the_pool_without_edit_links(login, world):
    ReserveEntry.objects.create(project=world.project, channel=channel("专项债券"))
    html = login("viewer").get(POOL).content.decode()
    assert "医药文化创意孵化园基础设施" in html and "调整" not in html
    assert "调整" in login("county_admin").get(POOL).content.decode()


def test_a_region_outside_the_scope_is_not_found(login, world):
    assert login("county_admin").get(POOL, {"region": "220523"}).status_code == 404
    assert login("county_admin").get(POOL, {"region": "220502"}).status_code == 200


def test_the_edit_page_is_for_those_who_manage_the_pool(login, world):
    entry = ReserveEntry.objects.create(project=world.project, channel=channel("专项债券"))
    edit = reverse("reserve_edit", kwargs={"entry_pk": entry.pk})
    assert login("county_admin").get(edit).status_code == 200
    assert login("viewer").get(edit).status_code == 403
    assert login("other_admin").get(edit).status_code == 404
