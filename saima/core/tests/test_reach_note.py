"""Pages whose totals are the region's but whose lists follow the access rule say so to those
who read only what is assigned to them (or no project ledger at all)."""

import pytest

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
