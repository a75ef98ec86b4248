"""Pages whose totals are the region's but whose lists follow the access rule say so to those
who read only what is assigned to them (or no project ledger at all)."""

import pytest

from saima.accounts.access import ledger_reach
from saima.accounts.models import Role, User

PAGES = ["/reserve/", "/problems/board/220502/", "/regions/220502/wall/"]
ASSIGNED = "列表中只有分配给您"
NONE = "您的角色不查看项目台账"


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(
    "persona, note",
    [("county_admin", None), ("viewer", None), ("secretary", ASSIGNED), ("officer", NONE)],
)
def test_the_page_says_whose_projects_it_lists(client, world, url, persona, note):
    client.force_login(getattr(world, persona))
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert (ASSIGNED in text) == (note == ASSIGNED)
    assert (NONE in text) == (note == NONE)


PARTIAL = "在您只查看所分配项目的地区"


@pytest.fixture
def mixed(world):
    """The county's secretary, also a viewer of the sibling county."""
    world.secretary.grants.create(role=Role.VIEWER, region=world.sibling)
    return world.secretary


@pytest.mark.parametrize(
    "url, note",
    [
        ("/problems/board/220502/", ASSIGNED),  # a secretary here
        ("/regions/220502/wall/", ASSIGNED),
        ("/reserve/?region=220502", ASSIGNED),
        ("/problems/board/220523/", None),  # a viewer there: the whole ledger
        ("/regions/220523/wall/", None),
        ("/reserve/?region=220523", None),
    ],
)
def test_the_note_follows_the_reach_in_the_region_shown(client, mixed, url, note):
    client.force_login(mixed)
    text = client.get(url).content.decode()
    assert (ASSIGNED in text) == (note == ASSIGNED)
    assert NONE not in text and PARTIAL not in text


def test_the_project_list_says_its_rows_are_whole_in_some_regions_only(client, mixed, world):
    client.force_login(mixed)
    text = client.get("/projects/").content.decode()
    assert "在您只查看所分配项目的地区，这里只列出" in text
    world.secretary.grants.filter(role=Role.SECRETARY).delete()
    text = client.get("/projects/").content.decode()
    assert "在您只查看所分配项目的地区" not in text and "只列出分配给您" not in text


@pytest.mark.parametrize(
    "grants, reach",
    [
        ([], "none"),
        ([(Role.SECRETARY, "county")], "assigned"),
        ([(Role.DEPARTMENT, "county")], "none"),
        ([(Role.VIEWER, "city")], "region"),
        ([(Role.VIEWER, "city"), (Role.SECRETARY, "county")], "region"),  # inside the city
        ([(Role.VIEWER, "sibling"), (Role.SECRETARY, "county")], "partial"),
        ([(Role.VIEWER, "sibling"), (Role.DEPARTMENT, "county")], "partial"),
    ],
)
def test_ledger_reach_across_grants(world, grants, reach):
    user = User.objects.create_user("mixed")
    for role, region in grants:
        user.grants.create(role=role, region=getattr(world, region))
    assert ledger_reach(user) == reach


def test_ledger_reach_in_a_region(world, mixed):
    assert ledger_reach(mixed, world.county) == "assigned"
    assert ledger_reach(mixed, world.sibling) == "region"
    # On a page of the city above: what their grants below it give.
    assert ledger_reach(mixed, world.city) == "partial"
    assert ledger_reach(world.county_admin, world.city) == "region"
    assert ledger_reach(world.leader, world.city) == "assigned"
    assert ledger_reach(world.officer, world.city) == "none"
    assert ledger_reach(world.county_admin, world.other_city) == "none"
    assert ledger_reach(world.officer, world.county) == "none"
    assert ledger_reach(world.dispatcher, world.county) == "region"
    assert ledger_reach(world.admin, world.other_county) == "region"
