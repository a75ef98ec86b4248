from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saima.projects.models import AnnualPlan, Project, StageEvent

URL = reverse("project_list")


def names(response):
    return {p.name for p in response.context["page"].object_list}


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("admin", {"医药文化创意孵化园基础设施", "市场大厦", "浑江区轻工产业园区"}),
        ("dispatcher", {"医药文化创意孵化园基础设施", "市场大厦"}),
        ("county_admin", {"医药文化创意孵化园基础设施"}),
        ("other_admin", {"市场大厦"}),
        ("secretary", {"医药文化创意孵化园基础设施"}),
        ("leader", {"医药文化创意孵化园基础设施"}),  # holds it; not 市场大厦 in its city
        ("officer", set()),  # its scope is the problems assigned to its unit
        ("viewer", {"医药文化创意孵化园基础设施", "市场大厦"}),
        ("outsider", {"浑江区轻工产业园区"}),
    ],
)
def test_it_lists_only_projects_in_scope(client, world, persona, expected):
    client.force_login(getattr(world, persona))
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == expected


def test_it_sends_anonymous_users_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_returns_only_the_table_fragment_for_htmx(client, world):
    client.force_login(world.dispatcher)
    full = client.get(URL)
    assert b"<html" in full.content and b'id="project-results"' in full.content
    fragment = client.get(URL, {"q": "市场"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content and b"<table" in fragment.content
    assert "市场大厦" in fragment.content.decode()
    assert "医药文化" not in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]


def test_it_returns_the_full_page_when_htmx_restores_history(client, world):
    client.force_login(world.dispatcher)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert b"<html" in client.get(URL, headers=headers).content


def test_it_searches_by_name_or_code(client, world):
    world.sibling_project.code = "2201-220523-04-01-123456"
    world.sibling_project.save()
    client.force_login(world.admin)
    assert names(client.get(URL, {"q": "孵化园"})) == {"医药文化创意孵化园基础设施"}
    assert names(client.get(URL, {"q": "220523-04"})) == {"市场大厦"}


def test_it_filters_by_region_year_stage_leader_and_department(client, world):
    AnnualPlan.objects.create(project=world.sibling_project, year=2022, nature="续建")
    StageEvent.objects.create(project=world.project, stage="开工", date=date(2022, 3, 1))
    world.project.refresh_stage()
    world.project.save()
    client.force_login(world.admin)
    assert names(client.get(URL, {"region": "220600"})) == {"浑江区轻工产业园区"}
    assert names(client.get(URL, {"region": "220500"})) == {
        "医药文化创意孵化园基础设施",
        "市场大厦",
    }
    assert names(client.get(URL, {"year": "2022"})) == {"市场大厦"}
    assert names(client.get(URL, {"year": "2022", "year_nature": "新建"})) == set()
    assert names(client.get(URL, {"stage": "开工"})) == {"医药文化创意孵化园基础设施"}
    assert names(client.get(URL, {"leader": world.leader.pk})) == {"医药文化创意孵化园基础设施"}
    assert names(client.get(URL, {"department": world.unit.pk})) == {"医药文化创意孵化园基础设施"}
    assert names(client.get(URL, {"nature": "新建", "industry": ""})) == {
        "医药文化创意孵化园基础设施"
    }


def test_it_explains_a_bad_filter_and_lists_nothing(client, world):
    client.force_login(world.admin)
    response = client.get(URL, {"region": "999999"})
    assert names(response) == set()
    assert "未知的行政区划代码：999999" in response.content.decode()
    response = client.get(URL, {"stage": "挖坑"})
    assert names(response) == set() and "筛选条件有误" in response.content.decode()


def test_it_sorts_by_investment(client, world):
    client.force_login(world.admin)
    response = client.get(URL, {"sort": "-investment"})
    ordered = [p.name for p in response.context["page"].object_list]
    assert ordered == ["医药文化创意孵化园基础设施", "浑江区轻工产业园区", "市场大厦"]
    assert "总投资（万元） ↓" in response.content.decode()


def test_it_paginates(client, world):
    Project.objects.bulk_create(
        Project(name=f"项目{i:03}", region=world.county, total_investment_wan=1) for i in range(30)
    )
    client.force_login(world.county_admin)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 25
    assert "第 1 / 2 页" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert len(second.context["page"].object_list) == 6


def test_it_marks_generated_rows(client, world):
    world.sibling_project.is_generated = True
    world.sibling_project.save()
    client.force_login(world.dispatcher)
    html = client.get(URL).content.decode()
    assert html.count('class="badge badge-generated"') == 1


def test_it_hides_the_create_button_from_roles_that_cannot_create(client, world):
    client.force_login(world.viewer)
    assert reverse("project_create") not in client.get(URL).content.decode()
    client.force_login(world.county_admin)
    assert reverse("project_create") in client.get(URL).content.decode()


def test_its_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.county_admin)

    def add(n, start):
        for i in range(start, start + n):
            Project.objects.create(
                name=f"项目{i:03}",
                region=world.county,
                total_investment_wan=Decimal(i),
                leader=world.leader,
                department=world.unit,
            )

    add(3, 0)
    client.get(URL)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    add(20, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 24


def test_the_navigation_leads_to_every_section(client, world):
    client.force_login(world.viewer)
    html = client.get(URL).content.decode()
    for name in ("home", "project_list", "reserve_pool", "target_list"):
        assert f'href="{reverse(name)}"' in html


def test_a_year_filter_shows_that_years_plan(client, world):
    AnnualPlan.objects.create(
        project=world.sibling_project, year=2022, nature="续建", annual_plan_wan=Decimal("1234.5")
    )
    client.force_login(world.dispatcher)
    html = client.get(URL, {"year": 2022}).content.decode()
    assert "2022年计划" in html and "1,234.50" in html and "续建" in html


def test_it_offers_an_export_of_exactly_the_filtered_list(client, world):
    client.force_login(world.dispatcher)
    response = client.get("/projects/", {"region": "220502", "q": "医药"})
    html = response.content.decode()
    assert 'href="/ledger/export/?region=220502&amp;q=%E5%8C%BB%E8%8D%AF"' in html


@pytest.mark.parametrize(
    "persona, note",
    [
        ("county_admin", None),
        ("viewer", None),
        ("secretary", "这里只列出分配给您"),
        ("leader", "这里只列出分配给您"),
        ("officer", "您的角色不查看项目台账"),
    ],
)
def test_it_says_when_the_list_holds_only_what_is_assigned_to_the_user(
    client, world, persona, note
):
    client.force_login(getattr(world, persona))
    text = client.get(URL).content.decode()
    for shown in ("这里只列出分配给您", "您的角色不查看项目台账"):
        assert (shown in text) == (shown == note)
    if note == "您的角色不查看项目台账":
        assert f'href="{reverse("my_problems")}"' in text
