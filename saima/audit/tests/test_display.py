"""Recorded values are shown as people read them elsewhere; the stored record stays exact."""

from django.apps import apps

from saima.audit.display import changes, value_text
from saima.audit.models import AuditEntry


def shown(model, **recorded):
    entry = AuditEntry(model=model, action="update", changes=recorded)
    return {c.label: (c.old, c.new) for c in changes(entry)}


def field(model, name):
    return apps.get_model(model)._meta.get_field(name)


def test_it_shows_money_as_the_wan_filter_does():
    rows = shown("projects.Project", total_investment_wan=["47134.5000", "52000"])
    assert rows == {"总投资（万元）": ("47,134.50", "52,000.00")}


def test_it_shows_a_change_that_display_rounding_would_hide_to_the_stored_places():
    rows = shown("projects.AnnualPlan", annual_plan_wan=["100.0012", "100.0049"])
    assert rows == {"年度计划投资（万元）": ("100.0012", "100.0049")}


def test_it_leaves_out_a_value_that_only_changed_its_spelling():
    assert shown("projects.AnnualPlan", annual_plan_wan=["100.5000", "100.5"]) == {}


def test_it_shows_other_decimals_exactly_with_separators():
    assert value_text(field("projects.Project", "land_mu"), "1234.50") == "1,234.5"
    assert value_text(field("projects.Project", "land_mu"), "120") == "120"


def test_it_shows_dates_as_chinese_dates():
    rows = shown("projects.AnnualPlan", resumed_on=[None, "2022-03-05"])
    assert rows == {"复工日期": ("—", "2022年3月5日")}


def test_it_shows_times_in_local_time_to_the_minute():
    submitted_at = field("dispatch.Filing", "submitted_at")
    assert value_text(submitted_at, "2022-03-05T02:30:45+00:00") == "2022年3月5日 10:30"
    assert value_text(submitted_at, "2022-03-05T02:30:45+00:00", exact=True) == (
        "2022年3月5日 10:30:45"
    )


def test_it_shows_booleans_choices_and_blanks_in_words():
    rows = shown("projects.Project", is_generated=[False, True], industry=["", "C"])
    assert rows == {"生成数据": ("否", "是"), "国民经济行业": ("—", "C 制造业")}


def test_it_shows_what_it_cannot_parse_or_place_as_stored():
    assert value_text(field("projects.AnnualPlan", "resumed_on"), "2022年春") == "2022年春"
    assert value_text(field("projects.Project", "total_investment_wan"), "n/a") == "n/a"
    assert shown("projects.Project", gone=["a", "b"]) == {"gone": ("a", "b")}
    assert shown("projects.Vanished", name=["a", "b"]) == {"name": ("a", "b")}


def test_it_lists_many_to_many_values():
    assert value_text(field("projects.Project", "funding_channels"), ["专项债", "中央预算内"]) == (
        "专项债、中央预算内"
    )
    assert value_text(field("projects.Project", "funding_channels"), []) == "—"
