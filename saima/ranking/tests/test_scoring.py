from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saima.audit.models import AuditEntry, Source
from saima.projects.models import Project, StageEvent
from saima.ranking.models import Publication, Scheme
from saima.ranking.periods import Period
from saima.ranking.scoring import competition_ranks, compute, indicator_points, ranking_for
from saima.ranking.services import publish_ranking, revise_scheme, scheme_data
from saima.regions.models import Region, RegionLevel

from .helpers import CAPPED, scheme

MARCH = Period.parse("2022-03")
D = Decimal


def test_ties_share_a_rank():
    assert competition_ranks([D(5), D(9), D(9), None, D(1)]) == [3, 1, 1, None, 4]


def test_capped_points_are_the_capped_completion_times_the_weight():
    class Ind:
        rule, weight, cap = "capped", D(20), D(120)

    points = indicator_points(Ind, [D("112.5"), D(150), D(75), None, D(-5)])
    assert points == [D("22.5"), D(24), D(15), D(0), D(0)]


def test_rank_points_give_the_first_the_weight_and_ties_the_same():
    class Ind:
        rule, weight, cap = "rank", D(12), None

    assert indicator_points(Ind, [D(80), D(90), D(90), None]) == [D(6), D(12), D(12), D(0)]


def test_it_ranks_within_each_league(tonghua):
    ranking = compute(scheme(tonghua), MARCH)
    leagues = dict(ranking.leagues)
    assert [(r.unit_name, r.rank) for r in leagues["城区组"]] == [("东昌区", 1), ("二道江区", 2)]
    assert [(r.unit_name, r.rank) for r in leagues["县（市）组"]] == [("辉南县", 1)]
    dongchang = ranking.row_for("220502")
    # The published rates: 112.5%, 75%, 60%, 66.7%; 开复工率 4 of 5 = 80%.
    assert dongchang.values["target_planning"] == D("112.5")
    assert dongchang.values["target_signed"] == D(75)
    assert dongchang.values["target_landed"] == D(60)
    assert round(dongchang.values["target_started"], 4) == D("66.6667")
    assert dongchang.values["start_or_resume_rate"] == D(80)
    # 80/100×30 + 112.5/100×20 + 75/100×20 + 60/100×15 + 66.67/100×15 = 80.5
    assert dongchang.total == D("80.5")


def test_equal_totals_share_a_rank(tonghua):
    twin = Region.objects.create(
        code="220524", name="柳河县", level=RegionLevel.COUNTY, parent=tonghua.city
    )
    s = scheme(
        tonghua,
        indicators=[{"key": "target_planning", "weight": "10", "rule": "capped", "cap": "100"}],
        leagues=[{"name": "全部", "members": ["220502", "220523", "220503", twin.code]}],
    )
    rows = {r.unit_name: r.rank for r in compute(s, MARCH).rows}
    # 东昌区 and 辉南县 both 18 of 16 (capped at 100%), 二道江区 17 of 20, 柳河县 no target.
    assert rows == {"东昌区": 1, "辉南县": 1, "二道江区": 3, "柳河县": 4}


def test_rank_changes_read_up_down_same_and_new(tonghua):
    s = scheme(
        tonghua,
        indicators=[{"key": "target_planning", "weight": "10", "rule": "rank"}],
        leagues=[{"name": "全部", "members": ["220502", "220503"]}],
    )
    publish_ranking(tonghua.city, Period.parse("2022-02"), tonghua.dispatcher, Source.WEB)
    # In February nobody had a value: both ranked as tied … by total 0 → rank 1 each.
    march = compute(s, MARCH)
    assert {r.unit_name: r.change for r in march.rows} == {"东昌区": "—", "二道江区": "↓1"}
    # A unit added to the league later is new.
    s2 = revise_scheme(
        s,
        {"leagues": [{"name": "全部", "members": ["220502", "220503", "220523"]}]},
        tonghua.dispatcher,
        Source.WEB,
    )
    changes = {r.unit_name: r.change for r in compute(s2, MARCH).rows}
    assert changes["辉南县"] == "新"


def test_it_shows_a_rise_of_two(tonghua):
    s = scheme(
        tonghua,
        indicators=[{"key": "target_signed", "weight": "10", "rule": "capped", "cap": "200"}],
        leagues=[{"name": "全部", "members": ["220502", "220503", "220523"]}],
    )
    publish_ranking(tonghua.city, MARCH, tonghua.dispatcher, Source.WEB)
    # March: 东昌区 75%, 二道江区 75%, 辉南县 50% → 1, 1, 3. In April 辉南县 signs 6 more.
    for i in range(6):
        p = Project.objects.create(name=f"签约新{i}", region=tonghua.sibling)
        StageEvent.objects.create(project=p, stage="签约", date=date(2022, 4, 10))
    april = {r.unit_name: (r.rank, r.change) for r in compute(s, Period.parse("2022-04")).rows}
    assert april["辉南县"] == (1, "↑2")
    assert april["东昌区"] == (2, "↓1")


def test_published_rankings_are_frozen_and_republishing_keeps_the_old(tonghua):
    s = scheme(tonghua)
    first = publish_ranking(tonghua.city, MARCH, tonghua.dispatcher, Source.WEB)
    assert first.scheme == s and first.number == 1
    s.refresh_from_db()
    assert s.is_published
    # The ledger changes after publication: the published ranking does not.
    for i in range(5):
        p = Project.objects.create(name=f"落地新{i}", region=tonghua.district)
        StageEvent.objects.create(project=p, stage="落地", date=date(2022, 3, 20))
    shown = ranking_for(tonghua.city, MARCH)
    assert shown.publication == first
    assert shown.row_for("220503").values["target_landed"] == D("66.66666666666666666666666667")
    second = publish_ranking(tonghua.city, MARCH, tonghua.dispatcher, Source.WEB)
    assert second.number == 2
    assert Publication.objects.filter(region=tonghua.city, period="2022-03").count() == 2
    assert ranking_for(tonghua.city, MARCH).row_for("220503").values["target_landed"] > D(100)
    assert AuditEntry.objects.filter(model="ranking.Publication").count() == 2


def test_editing_a_published_scheme_creates_a_new_version(tonghua):
    s = scheme(tonghua)
    # A draft is changed in place.
    same = revise_scheme(s, {"name": "改名"}, tonghua.dispatcher, Source.WEB)
    assert same.pk == s.pk and same.version == 1 and same.name == "改名"
    publication = publish_ranking(tonghua.city, MARCH, tonghua.dispatcher, Source.WEB)
    heavier = [dict(i, weight="60") if i["key"] == "target_planning" else i for i in CAPPED]
    v2 = revise_scheme(s, {"indicators": heavier}, tonghua.dispatcher, Source.WEB)
    assert (v2.version, v2.pk != s.pk) == (2, True)
    assert scheme_data(Scheme.objects.get(pk=s.pk))["indicators"][1]["weight"] == D(20)
    assert scheme_data(v2)["indicators"][1]["weight"] == D(60)
    # The old publication still records version 1; a re-publication uses version 2.
    again = publish_ranking(tonghua.city, MARCH, tonghua.dispatcher, Source.WEB)
    publication.refresh_from_db()
    assert (publication.scheme.version, again.scheme.version) == (1, 2)
    assert AuditEntry.objects.filter(model="ranking.Scheme", action="create").count() == 2


@pytest.mark.parametrize(
    "indicators, leagues, field",
    [
        ([{"key": "nope", "weight": "1"}], None, "indicators[1]"),
        ([{"key": "start_rate", "weight": "-1", "rule": "rank"}], None, "indicators[1].weight"),
        ([{"key": "start_rate", "weight": "1", "rule": "capped"}], None, "indicators[1].cap"),
        (None, [{"name": "甲", "members": ["220602"]}], "leagues[1]"),
        (
            None,
            [{"name": "甲", "members": ["220502"]}, {"name": "乙", "members": ["220502"]}],
            "leagues[2]",
        ),
        (None, [{"name": "甲", "members": []}], "leagues[1]"),
    ],
)
def test_bad_schemes_are_refused_with_the_field_named(tonghua, indicators, leagues, field):
    with pytest.raises(ValidationError) as error:
        scheme(tonghua, indicators=indicators, leagues=leagues)
    assert field in error.value.message_dict
    assert not Scheme.objects.exists()


def test_departments_compete_on_indicators_that_apply_to_them(tonghua):
    from saima.projects.models import AnnualPlan
    from saima.regions.models import Department

    other = Department.objects.create(region=tonghua.county, name="东昌区工信局")
    for plan in AnnualPlan.objects.filter(project__region=tonghua.county):
        plan.project.department = tonghua.unit if plan.project.name != "东昌乙" else other
        plan.project.save()
    s = scheme(
        tonghua,
        indicators=[
            {"key": "start_or_resume_rate", "weight": "10", "rule": "capped", "cap": "100"},
            {"key": "target_planning", "weight": "10", "rule": "capped", "cap": "100"},
        ],
        leagues=[
            {"name": "部门组", "unit_kind": "department", "members": [tonghua.unit.pk, other.pk]}
        ],
    )
    rows = {r.unit_name: r for r in compute(s, MARCH).rows}
    # 发改局: 4 of 4 planned projects started or resumed; 工信局: 0 of 1. Stage targets are
    # regional, so they give departments no value.
    assert rows["东昌区发改局"].values == {"start_or_resume_rate": D(100), "target_planning": None}
    assert rows["东昌区工信局"].values["start_or_resume_rate"] == D(0)
    assert (rows["东昌区发改局"].rank, rows["东昌区工信局"].rank) == (1, 2)


def test_a_ranking_computes_each_units_ledger_figures_once(tonghua, django_assert_max_num_queries):
    s = scheme(tonghua)
    with django_assert_max_num_queries(60):
        compute(s, MARCH)
