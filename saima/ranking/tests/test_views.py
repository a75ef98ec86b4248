import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from saima.conftest import PASSWORD
from saima.ranking.models import Publication, Scheme, SentenceTemplate

from .helpers import scheme

DASH = "/ranking/220500/?period=2022-03"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    "persona, url, status",
    [
        ("dispatcher", DASH, 200),
        ("viewer", DASH, 200),
        ("leader", DASH, 200),
        ("county_admin", DASH, 404),
        ("county_admin", "/ranking/220502/?period=2022-03", 200),
        ("secretary", "/ranking/220502/?period=2022-03", 200),
        ("other_admin", "/ranking/220502/?period=2022-03", 404),
        ("outsider", DASH, 404),
        ("outsider", "/ranking/220500/briefing/?period=2022-03", 404),
        ("outsider", "/ranking/220500/csv/children/?period=2022-03", 404),
        ("viewer", "/ranking/220500/ranking/?period=2022-03", 200),
        ("viewer", "/ranking/220500/briefing/?period=2022-03", 200),
        ("viewer", "/ranking/220500/schemes/", 200),
        ("viewer", "/ranking/220500/schemes/new/", 403),
        ("county_admin", "/ranking/220502/schemes/new/", 403),
        ("viewer", "/ranking/220500/templates/", 403),
        ("dispatcher", "/ranking/220500/templates/", 200),
        ("dispatcher", "/ranking/220500/schemes/new/?year=2022", 200),
    ],
)
def test_pages_follow_the_access_rule(client, tonghua, persona, url, status):
    scheme(tonghua)
    login(client, getattr(tonghua, persona))
    assert client.get(url).status_code == status


@pytest.mark.parametrize(
    "persona, status", [("viewer", 403), ("leader", 403), ("outsider", 404), ("county_admin", 404)]
)
def test_only_the_dispatcher_publishes(client, tonghua, persona, status):
    scheme(tonghua)
    login(client, getattr(tonghua, persona))
    url = "/ranking/220500/ranking/publish/?period=2022-03"
    assert client.post(url).status_code == status
    assert client.post("/ranking/220500/briefing/publish/?period=2022-03").status_code == status
    assert not Publication.objects.exists()


def test_the_dashboard_shows_the_figures_the_briefing_writes(client, tonghua):
    scheme(tonghua)
    login(client, tonghua.dispatcher)
    client.post("/ranking/220500/ranking/publish/?period=2022-03")
    client.post("/ranking/220502/briefing/publish/?period=2022-03")
    page = client.get("/ranking/220502/?period=2022-03").content.decode()
    for rate in ("112.5%", "75%", "60%", "66.7%", "80%"):
        assert rate in page
    assert "已发布简报的冻结数据" in page
    assert "在通化市城区组中排名第1" in page
    assert 'id="dashboard-data"' in page and "npm/echarts/echarts.min.js" in page
    briefing = client.get("/ranking/220502/briefing/?period=2022-03").content.decode()
    assert "开复工率80%" in briefing and "完成年度目标16个的112.5%" in briefing
    # The briefing's numbers are the dashboard's: the same text in both pages.
    for value in ("6.2", "2.4"):
        assert f">{value}<" in page and f"{value}亿元" in briefing


def test_the_dashboard_drills_down_to_sub_regions_and_projects(client, tonghua, settings):
    settings.ROOT_URLCONF = "saima.ranking.tests.urls_with_projects"
    login(client, tonghua.dispatcher)
    page = client.get(DASH).content.decode()
    assert 'href="/ranking/220502/?period=2022-03"' in page
    assert 'href="/projects/?region=220502"' in page
    assert 'href="/projects/?region=220500"' in page


def test_the_filter_form_selects_region_year_and_period(client, tonghua):
    login(client, tonghua.dispatcher)
    response = client.get("/ranking/220500/?region=220502&year=2022&part=Q1")
    assert response.status_code == 302
    assert response["Location"] == "/ranking/220502/?year=2022&part=Q1"
    page = client.get(response["Location"]).content.decode()
    assert "2022年第1季度" in page
    assert client.get("/ranking/220500/?region=220602").status_code == 404


def test_each_chart_downloads_its_table_as_csv(client, tonghua):
    scheme(tonghua)
    login(client, tonghua.viewer)
    for chart in ("cards", "funnel", "children", "ranking", "lights"):
        response = client.get(f"/ranking/220500/csv/{chart}/?period=2022-03")
        assert response.status_code == 200, chart
        assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["对象", "绿灯", "黄灯", "红灯"]
    funnel = client.get("/ranking/220500/csv/funnel/?period=2022-03").content.decode("utf-8-sig")
    assert "谋划,53,52,101.9%" in funnel
    ranking = client.get("/ranking/220500/csv/ranking/?period=2022-03").content.decode("utf-8-sig")
    assert "城区组,1,东昌区,80%,112.5%,75%,60%,66.7%,80.5,—" in ranking
    assert client.get("/ranking/220500/csv/nope/?period=2022-03").status_code == 404


def test_the_dispatcher_adjusts_a_weight_and_republishes(client, tonghua):
    s = scheme(tonghua)
    login(client, tonghua.dispatcher)
    client.post("/ranking/220500/ranking/publish/?period=2022-03")
    form = client.get(f"/ranking/220500/schemes/{s.pk}/")
    assert "此版本已发布并冻结" in form.content.decode()
    data = {
        "name": s.name,
        "note": "提高落地权重",
        "leagues": "城区组: 220502, 二道江区\n县（市）组: 辉南县",
    }
    weights = {
        "start_or_resume_rate": 30,
        "target_planning": 20,
        "target_signed": 20,
        "target_landed": 80,
        "target_started": 15,
    }
    for key, weight in weights.items():
        data |= {f"weight_{key}": weight, f"rule_{key}": "capped", f"cap_{key}": 120}
    response = client.post(f"/ranking/220500/schemes/{s.pk}/", data)
    assert response.status_code == 302, response.content.decode()
    assert Scheme.objects.filter(region=tonghua.city, year=2022).count() == 2
    client.post("/ranking/220500/ranking/publish/?period=2022-03")
    page = client.get("/ranking/220500/ranking/?period=2022-03").content.decode()
    assert "第2次发布" in page and "方案第1版" in page and "方案第2版" in page


def test_a_bad_scheme_form_says_what_is_wrong(client, tonghua):
    login(client, tonghua.dispatcher)
    response = client.post(
        "/ranking/220500/schemes/new/?year=2022",
        {
            "name": "x",
            "leagues": "城区组 220502",
            "weight_start_rate": 5,
            "rule_start_rate": "capped",
        },
    )
    assert response.status_code == 200
    assert "第1行应写作" in response.content.decode()
    response = client.post(
        "/ranking/220500/schemes/new/?year=2022",
        {
            "name": "x",
            "leagues": "城区组: 220502",
            "weight_start_rate": 5,
            "rule_start_rate": "capped",
        },
    )
    assert "封顶计分的指标须填写封顶值" in response.content.decode()
    assert not Scheme.objects.exists()


def test_the_dispatcher_edits_a_sentence_template(client, tonghua):
    login(client, tonghua.dispatcher)
    url = reverse("ranking:templates", args=["220500"])
    bad = client.post(url, {"key": "start", "start-text": "开复工率{ratio}%"})
    assert "{ratio}" in bad.content.decode() and not SentenceTemplate.objects.exists()
    client.post(
        url,
        {
            "key": "start",
            "start-text": "共开复工{started_or_resumed}个，开复工率{rate}%{rate_change}。",
        },
    )
    page = client.get("/ranking/220500/briefing/?period=2022-03").content.decode()
    assert "共开复工5个，开复工率71.4%。" in page


def test_the_briefing_downloads_as_docx(client, tonghua):
    login(client, tonghua.viewer)
    response = client.get("/ranking/220500/briefing/docx/?period=2022-03")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_the_dashboard_lists_projects_behind_schedule(client, tonghua, settings):
    settings.ROOT_URLCONF = "saima.ranking.tests.urls_with_projects"
    settings.LIGHT_START_DUE_MONTH = 2
    login(client, tonghua.county_admin)
    page = client.get("/ranking/220502/?period=2022-03").content.decode()
    assert "黄灯、红灯项目（1个）" in page and "东昌乙" in page
    csv_text = client.get("/ranking/220502/csv/warned/?period=2022-03").content.decode("utf-8-sig")
    assert "东昌乙,220502,黄灯" in csv_text


def test_the_scheme_form_shows_names_and_keeps_department_leagues(client, tonghua):
    s = scheme(
        tonghua,
        leagues=[
            {"name": "城区组", "members": ["220502", "220503"]},
            {"name": "部门组", "unit_kind": "department", "members": [tonghua.unit.pk]},
        ],
    )
    login(client, tonghua.dispatcher)
    page = client.get(f"/ranking/220500/schemes/{s.pk}/").content.decode()
    assert "城区组: 东昌区, 二道江区" in page and 'value="30"' in page
    data = {
        "name": s.name,
        "leagues": "城区组: 东昌区, 二道江区",
        "weight_start_rate": "7.5",
        "rule_start_rate": "rank",
    }
    assert client.post(f"/ranking/220500/schemes/{s.pk}/", data).status_code == 302
    s.refresh_from_db()
    leagues = {lg.name: [str(m) for m in lg.members.all()] for lg in s.leagues.all()}
    assert leagues == {"城区组": ["东昌区", "二道江区"], "部门组": ["东昌区发改局"]}
    assert [(i.key, i.weight, i.rule) for i in s.indicators.all()] == [
        ("start_rate", Decimal("7.5"), "rank")
    ]


def test_a_county_sees_its_own_line_of_the_city_ranking(client, tonghua):
    scheme(tonghua)
    login(client, tonghua.county_admin)
    page = client.get("/ranking/220502/ranking/?period=2022-03").content.decode()
    assert "在通化市城区组中排名第1" in page and "112.5%" in page
    assert "二道江区" not in page  # the other units are outside its scope


def test_the_warned_projects_are_only_those_the_user_reads(client, tonghua, settings):
    from saima.projects.models import Project

    settings.ROOT_URLCONF = "saima.ranking.tests.urls_with_projects"
    settings.LIGHT_START_DUE_MONTH = 2
    login(client, tonghua.secretary)
    page = client.get("/ranking/220502/?period=2022-03").content.decode()
    assert "东昌乙" not in page and "黄灯、红灯项目" not in page
    assert "三色预警" in page  # the region's light counts stay
    csv_text = client.get("/ranking/220502/csv/warned/?period=2022-03").content.decode("utf-8-sig")
    assert "东昌乙" not in csv_text
    Project.objects.filter(name="东昌乙").update(secretary=tonghua.secretary)
    page = client.get("/ranking/220502/?period=2022-03").content.decode()
    assert "黄灯、红灯项目（1个）" in page and "东昌乙" in page


def test_an_unpublished_briefing_is_only_for_who_reads_the_whole_ledger(client, tonghua):
    scheme(tonghua)
    url = "/ranking/220502/briefing/?period=2022-03"
    login(client, tonghua.secretary)
    page = client.get(url)
    assert page.status_code == 200 and "本期简报尚未发布" in page.content.decode()
    assert "重点项目建设情况" not in page.content.decode()
    assert client.get("/ranking/220502/briefing/docx/?period=2022-03").status_code == 404
    login(client, tonghua.county_admin)
    assert "未发布：按当前数据生成的预览" in client.get(url).content.decode()
    login(client, tonghua.dispatcher)
    assert client.post("/ranking/220502/briefing/publish/?period=2022-03").status_code == 302
    login(client, tonghua.secretary)  # published, it is the region's document
    assert "重点项目建设情况" in client.get(url).content.decode()
    assert client.get("/ranking/220502/briefing/docx/?period=2022-03").status_code == 200


def test_reading_another_regions_ledger_does_not_open_this_ones(client, tonghua, settings):
    from saima.accounts.models import Role, RoleGrant

    settings.ROOT_URLCONF = "saima.ranking.tests.urls_with_projects"
    settings.LIGHT_START_DUE_MONTH = 2
    scheme(tonghua)
    # The secretary of 东昌区 also reads 辉南县's whole ledger: 东昌区's stays theirs only.
    RoleGrant.objects.create(user=tonghua.secretary, role=Role.VIEWER, region=tonghua.sibling)
    login(client, tonghua.secretary)
    assert "东昌乙" not in client.get("/ranking/220502/?period=2022-03").content.decode()
    briefing = client.get("/ranking/220502/briefing/?period=2022-03").content.decode()
    assert "本期简报尚未发布" in briefing
