from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from saima.projects.models import AnnualPlan, Project, StageEvent, Target


def url(region):
    return reverse("region_overview", kwargs={"code": region.code})


def add(region, name, total, nature, annual, started=None, resumed=None, year=2022):
    project = Project.objects.create(name=name, region=region, total_investment_wan=Decimal(total))
    AnnualPlan.objects.create(
        project=project,
        year=year,
        nature=nature,
        annual_plan_wan=Decimal(annual),
        resumed_on=resumed,
    )
    if started:
        StageEvent.objects.create(project=project, stage="开工", date=started)
    return project


@pytest.fixture
def dataset(world):
    """Hand-computed for 通化市 2022 as of 2022-03-31 (F lies in another city):
    planned 4: 新建 A, B, E and 续建 D; total 10000 + 20000 + 4000 + 9000 = 43000万 (4.30亿);
    annual 3000 + 5000 + 1000 + 2000 = 11000万 (1.10亿); started A and E (B starts in April);
    resumed D; 开工率 2/3 = 66.7%, 复工率 1/1 = 100.0%, 开复工率 3/4 = 75.0%;
    开工 reached by 2 against the counties' targets 2 + 1 = 3: 66.7%.
    Only 5000万 and above (E left out): planned 3, 开工率 1/2 = 50.0%, 开复工率 2/3 = 66.7%."""
    add(world.county, "A", "10000", "新建", "3000", started=date(2022, 2, 28))
    add(world.county, "B", "20000", "新建", "5000", started=date(2022, 4, 1))
    add(world.county, "E", "4000", "新建", "1000", started=date(2022, 3, 1))
    add(world.sibling, "D", "9000", "续建", "2000", resumed=date(2022, 3, 1))
    add(world.other_county, "F", "99999", "新建", "1", started=date(2022, 1, 5))
    Target.objects.create(region=world.county, year=2022, stage="开工", count=2)
    Target.objects.create(region=world.sibling, year=2022, stage="开工", count=1)
    return world


def figure(html, name):
    marker = f'data-figure="{name}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)]


@pytest.mark.parametrize(
    "persona, region, status",
    [
        ("admin", "other_city", 200),
        ("dispatcher", "city", 200),
        ("dispatcher", "county", 200),
        ("dispatcher", "other_city", 404),
        ("county_admin", "county", 200),
        ("county_admin", "city", 404),
        ("county_admin", "sibling", 404),
        ("other_admin", "county", 404),
        ("secretary", "county", 200),
        ("leader", "city", 200),
        ("officer", "county", 200),
        ("viewer", "city", 200),
        ("outsider", "city", 404),
        ("outsider", "other_city", 200),
    ],
)
def test_each_role_sees_regions_in_scope_only(client, world, persona, region, status):
    client.force_login(getattr(world, persona))
    assert client.get(url(getattr(world, region))).status_code == status


def test_home_leads_to_the_users_region(client, world):
    client.force_login(world.county_admin)
    assert client.get(reverse("home"))["Location"] == url(world.county)


def test_it_shows_hand_computed_figures(client, dataset):
    client.force_login(dataset.viewer)
    response = client.get(url(dataset.city), {"year": 2022, "as_of": "2022-03-31"})
    html = response.content.decode()
    assert figure(html, "planned_projects") == "4"
    assert "新建 3 · 续建 1" in html
    assert figure(html, "total_investment") == "4.30"
    assert "43,000.00 万元" in html
    assert figure(html, "annual_plan") == "1.10"
    assert figure(html, "started_or_resumed") == "3"
    assert figure(html, "start_rate") == "66.7%"
    assert figure(html, "resume_rate") == "100.0%"
    assert figure(html, "start_or_resume_rate") == "75.0%"
    stages = {s.stage: s for s in response.context["figures"].stages}
    assert (stages["开工"].actual, stages["开工"].target) == (2, 3)
    row = html[html.index('<tr data-stage="开工">') :]
    row = row[: row.index("</tr>")]
    assert ">2<" in row and ">3<" in row and ">66.7%<" in row
    assert '<tr data-stage="签约">' in html


def test_the_5000_wan_option_leaves_small_projects_out(client, dataset):
    client.force_login(dataset.viewer)
    html = client.get(
        url(dataset.city), {"year": 2022, "as_of": "2022-03-31", "min_total_wan": "5000"}
    ).content.decode()
    assert figure(html, "planned_projects") == "3"
    assert figure(html, "start_rate") == "50.0%"
    assert figure(html, "start_or_resume_rate") == "66.7%"
    assert "5000万元以上项目" in html


def test_it_drills_down_to_sub_regions(client, dataset):
    client.force_login(dataset.dispatcher)
    response = client.get(url(dataset.city), {"year": 2022, "as_of": "2022-03-31"})
    children = {c.region.code: c for c in response.context["children"]}
    assert set(children) == {"220502", "220523"}
    assert (children["220502"].planned_projects, children["220502"].started_new) == (3, 2)
    assert children["220523"].resumed_continuing == 1
    html = response.content.decode()
    assert f'href="{url(dataset.county)}?year=2022&amp;as_of=2022-03-31"' in html
    assert f"{reverse('project_list')}?region=220500&amp;year=2022" in html


def test_undefined_rates_show_a_dash(client, world):
    client.force_login(world.viewer)
    html = client.get(url(world.city), {"year": 2021}).content.decode()
    assert figure(html, "planned_projects") == "0"
    assert figure(html, "start_or_resume_rate") == "—"


def test_a_past_year_defaults_to_its_last_day_and_bad_input_to_today(client, world):
    client.force_login(world.viewer)
    response = client.get(url(world.city), {"year": 2022})
    assert response.context["as_of"] == date(2022, 12, 31)
    response = client.get(url(world.city), {"year": "abc", "as_of": "2022-02-30"})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert response.context["as_of"] == timezone.localdate()
    assert "年度：" in response.content.decode() and "截至：" in response.content.decode()


def test_it_sums_up_in_one_sentence(client, dataset):
    client.force_login(dataset.viewer)
    html = client.get(url(dataset.city), {"year": 2022, "as_of": "2022-03-31"}).content.decode()
    assert (
        "截至2022年3月31日，通化市计划实施项目4个，总投资4.30亿元，年度计划投资1.10亿元；"
        "已开复工3个，开复工率75.0%。"
    ) in html


def test_without_a_year_it_opens_on_the_latest_plan_year_when_this_year_has_none(client, world):
    today = timezone.localdate()
    add(world.county, "old", "10000", "新建", "1", year=2022)
    add(world.county, "older", "10000", "新建", "1", year=2021)
    client.force_login(world.county_admin)
    response = client.get(url(world.county))
    assert (response.context["year"], response.context["as_of"]) == (2022, date(2022, 12, 31))
    assert 'href="?year=2021"' in response.content.decode()
    add(world.county, "now", "10000", "新建", "1", year=today.year)
    assert client.get(url(world.county)).context["year"] == today.year
