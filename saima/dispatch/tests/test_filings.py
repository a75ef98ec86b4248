from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from saima.audit.models import AuditEntry
from saima.dispatch import services
from saima.dispatch.choices import FilingState, PeriodState
from saima.dispatch.models import Filing, PeriodSnapshot
from saima.figures.pace import missing_projects

from .conftest import at, period

DATA = {"amount_wan": "1200.5", "progress": "主体结构施工", "next_steps": "封顶"}


def test_the_secretary_files_and_the_county_admin_returns_and_accepts(plan):
    march = period(plan, 3)
    filing = services.save_draft(plan.project, march, DATA, plan.secretary, "web")
    assert filing.state == FilingState.DRAFT and filing.amount_wan == Decimal("1200.5")
    filing = services.submit(filing, plan.secretary, "web", at=at(2022, 4, 2))
    assert filing.state == FilingState.SUBMITTED and not filing.is_late
    with pytest.raises(ValidationError, match="退回原因"):
        services.return_filing(filing, "  ", plan.county_admin, "web")
    filing = services.return_filing(filing, "请补充现场照片", plan.county_admin, "web")
    assert filing.state == FilingState.RETURNED and filing.return_reason == "请补充现场照片"
    filing = services.save_draft(plan.project, march, {"amount_wan": "1300"}, plan.secretary, "web")
    filing = services.submit(filing, plan.secretary, "web", at=at(2022, 4, 8))
    assert not filing.is_late  # lateness is decided by the first submission
    filing = services.accept(filing, plan.county_admin, "web")
    assert filing.state == FilingState.ACCEPTED and filing.reviewed_by == plan.county_admin
    assert AuditEntry.objects.filter(model="dispatch.Filing", object_id=str(filing.pk)).count() == 6


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("submit", FilingState.SUBMITTED),
        ("submit", FilingState.ACCEPTED),
        ("return", FilingState.DRAFT),
        ("return", FilingState.RETURNED),
        ("return", FilingState.ACCEPTED),
        ("accept", FilingState.DRAFT),
        ("accept", FilingState.RETURNED),
        ("accept", FilingState.ACCEPTED),
    ],
)
def test_it_refuses_transitions_not_in_the_state_machine(plan, action, state):
    filing = services.save_draft(plan.project, period(plan, 3), DATA, plan.secretary, "web")
    Filing.objects.filter(pk=filing.pk).update(state=state)
    calls = {
        "submit": lambda: services.submit(filing, plan.secretary, "web"),
        "return": lambda: services.return_filing(filing, "原因", plan.county_admin, "web"),
        "accept": lambda: services.accept(filing, plan.county_admin, "web"),
    }
    with pytest.raises(ValidationError, match="不能进行此操作"):
        calls[action]()
    assert Filing.objects.get(pk=filing.pk).state == state


def test_who_may_file_review_and_correct(plan):
    march = period(plan, 3)
    for user in (plan.dispatcher, plan.leader, plan.viewer, plan.other_admin, plan.officer):
        with pytest.raises(PermissionDenied):
            services.save_draft(plan.project, march, DATA, user, "web")
    # A county administrator may file for the secretary.
    filing = services.save_draft(plan.project, march, DATA, plan.county_admin, "web")
    filing = services.submit(filing, plan.secretary, "web")
    for user in (plan.secretary, plan.dispatcher, plan.leader, plan.other_admin):
        with pytest.raises(PermissionDenied):
            services.accept(filing, user, "web")
        with pytest.raises(PermissionDenied):
            services.return_filing(filing, "x", user, "web")
    services.accept(filing, plan.admin, "web")
    services.close_period(march, plan.dispatcher, "web")
    for user in (plan.secretary, plan.leader, plan.other_admin):
        with pytest.raises(PermissionDenied):
            services.correct(plan.project, march, DATA, "x", user, "web")
    services.correct(plan.project, march, {"amount_wan": "1"}, "核减", plan.dispatcher, "web")


def test_it_marks_late_and_lists_missing(plan):
    march = period(plan, 3)  # deadline 2022-04-06 (清明 2–5 April)
    assert march.deadline.isoformat() == "2022-04-06"
    filing = services.save_draft(plan.project, march, DATA, plan.secretary, "web")
    services.submit(filing, plan.secretary, "web", at=at(2022, 4, 6, 23))
    assert not Filing.objects.get(pk=filing.pk).is_late
    assert list(missing_projects(march)) == [plan.sibling_project]
    Filing.objects.filter(pk=filing.pk).update(state="草稿", first_submitted_at=None)
    services.submit(filing, plan.secretary, "web", at=at(2022, 4, 7, 0))
    assert Filing.objects.get(pk=filing.pk).is_late


def test_a_closed_period_accepts_only_a_correction(plan):
    march = period(plan, 3)
    filing = services.save_draft(plan.project, march, DATA, plan.secretary, "web")
    services.submit(filing, plan.secretary, "web", at=at(2022, 4, 1))
    services.close_period(march, plan.dispatcher, "web")
    with pytest.raises(ValidationError, match="已关闭"):
        services.save_draft(plan.project, march, DATA, plan.secretary, "web")
    with pytest.raises(ValidationError, match="已关闭"):
        services.accept(filing, plan.county_admin, "web")
    with pytest.raises(ValidationError, match="更正原因"):
        services.correct(plan.project, march, {"amount_wan": "900"}, "", plan.county_admin, "web")
    fixed = services.correct(
        plan.project, march, {"amount_wan": "900"}, "统计口径核减", plan.county_admin, "web"
    )
    assert fixed.state == FilingState.ACCEPTED and fixed.amount_wan == Decimal("900")
    assert fixed.correction_note == "统计口径核减"
    city = PeriodSnapshot.objects.get(period=march, region=plan.city, is_current=True)
    assert city.version == 2 and city.figures["completed_wan"] == "900"
    assert "统计口径核减" in city.reason
    # The sibling county's snapshot did not change, so it keeps version 1.
    assert (
        PeriodSnapshot.objects.get(period=march, region=plan.sibling, is_current=True).version == 1
    )


def test_a_correction_can_supply_a_missing_filing(plan):
    march = period(plan, 3)
    services.close_period(march, plan.dispatcher, "web")
    filing = services.correct(
        plan.sibling_project,
        march,
        {"amount_wan": "50", "progress": "补报"},
        "漏报补录",
        plan.dispatcher,
        "api",
    )
    assert filing.is_late and filing.state == FilingState.ACCEPTED


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "不能为负数"),
        ("abc", "应为数字"),
        ("1.00001", "4位小数"),
        ("NaN", "应为数字"),
    ],
)
def test_it_rejects_bad_amounts_and_saves_nothing(plan, amount, message):
    with pytest.raises(ValidationError, match=message):
        services.save_draft(
            plan.project, period(plan, 3), {"amount_wan": amount}, plan.secretary, "web"
        )
    assert not Filing.objects.exists() and not AuditEntry.objects.filter(model="dispatch.Filing")


def test_an_amount_beyond_the_remaining_investment_needs_confirmation(plan):
    jan, march = period(plan, 1), period(plan, 3)
    first = services.save_draft(
        plan.project, jan, {"amount_wan": "50000", "progress": "x"}, plan.secretary, "web"
    )
    services.submit(first, plan.secretary, "web")
    # Total 52000, 50000 already filed: 2000 remain.
    with pytest.raises(ValidationError) as err:
        services.save_draft(plan.project, march, {"amount_wan": "2000.01"}, plan.secretary, "web")
    assert err.value.error_dict["amount_wan"][0].code == "needs_confirmation"
    assert "剩余投资2000" in str(err.value)
    assert not Filing.objects.filter(period=march).exists()
    filing = services.save_draft(
        plan.project,
        march,
        {"amount_wan": "2000.01", "progress": "x"},
        plan.secretary,
        "web",
        confirmed=True,
    )
    with pytest.raises(ValidationError):
        services.submit(filing, plan.secretary, "web")
    services.submit(filing, plan.secretary, "web", confirmed=True)


def test_it_refuses_periods_not_open_and_projects_not_due(plan):
    with pytest.raises(ValidationError, match="尚未开始"):
        services.save_draft(
            plan.project, period(plan, 5, state=PeriodState.UPCOMING), DATA, plan.secretary, "web"
        )
    march = period(plan, 3)
    plan.project.plans.all().delete()
    with pytest.raises(ValidationError, match="未列入2022年度计划"):
        services.save_draft(plan.project, march, DATA, plan.secretary, "web")
    with pytest.raises(ValidationError, match="填报范围"):
        services.save_draft(plan.far_project, march, DATA, plan.admin, "web")


def test_submit_needs_the_progress_text(plan):
    filing = services.save_draft(
        plan.project, period(plan, 3), {"amount_wan": "1"}, plan.secretary, "web"
    )
    with pytest.raises(ValidationError, match="形象进度"):
        services.submit(filing, plan.secretary, "web")
    assert Filing.objects.get(pk=filing.pk).state == FilingState.DRAFT
