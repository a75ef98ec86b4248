from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from saima.audit.models import AuditEntry
from saima.dispatch import jobs, services
from saima.dispatch.choices import PeriodState
from saima.dispatch.models import Period, PeriodSnapshot, ReportingSchedule
from saima.dispatch.periods import deadline_for, nth_workday_after, period_ranges


def test_it_counts_working_days_across_the_national_day_holiday():
    # 1–7 October 2022 are holidays; Saturday 8 and Sunday 9 October are make-up working days.
    assert nth_workday_after(date(2022, 9, 30), 1) == date(2022, 10, 8)
    assert nth_workday_after(date(2022, 9, 30), 3) == date(2022, 10, 10)


def test_it_skips_the_spring_festival_and_weekends():
    # Spring Festival 2022: 31 Jan – 6 Feb off; 29 and 30 Jan (Sat/Sun) are make-up days.
    assert nth_workday_after(date(2022, 1, 28), 1) == date(2022, 1, 29)
    assert nth_workday_after(date(2022, 1, 31), 3) == date(2022, 2, 9)
    assert nth_workday_after(date(2022, 3, 31), 3) == date(2022, 4, 6)  # 清明 2–5 April


def test_it_reads_the_deadline_workdays_from_settings(settings):
    settings.DISPATCH_DEADLINE_WORKDAYS = 1
    assert deadline_for(date(2022, 9, 30)) == date(2022, 10, 8)


def test_it_falls_back_to_weekdays_for_an_unknown_year():
    assert nth_workday_after(date(2099, 1, 2), 1) == date(2099, 1, 5)  # Fri → Mon


def test_it_makes_periods_for_each_rhythm():
    assert len(period_ranges(2022, "月报")) == 12
    tens = period_ranges(2022, "旬报")
    assert len(tens) == 36 and tens[5] == (6, date(2022, 2, 21), date(2022, 2, 28))
    weeks = period_ranges(2022, "周报")
    assert weeks[0] == (1, date(2022, 1, 1), date(2022, 1, 2))  # Sat–Sun, clipped to the year
    assert weeks[1][1] == date(2022, 1, 3) and weeks[-1][2] == date(2022, 12, 31)
    assert all(
        b[1] == a[2].fromordinal(a[2].toordinal() + 1)
        for a, b in zip(weeks, weeks[1:], strict=False)
    )


def test_it_sets_the_rhythm_and_labels_periods(plan):
    sept = Period.objects.get(region=plan.city, year=2022, seq=9)
    assert sept.deadline == date(2022, 10, 10) and str(sept.label) == "2022年9月"
    services.set_rhythm(plan.city, 2022, "旬报", plan.dispatcher, "web")
    assert Period.objects.filter(region=plan.city, year=2022).count() == 36
    assert str(Period.objects.get(region=plan.city, year=2022, seq=2).label) == "2022年1月中旬"


def test_it_refuses_to_change_the_rhythm_once_filed(plan):
    jan = Period.objects.get(region=plan.city, year=2022, seq=1)
    Period.objects.filter(pk=jan.pk).update(state=PeriodState.OPEN)
    services.save_draft(
        plan.project, jan, {"amount_wan": "1", "progress": "x"}, plan.secretary, "web"
    )
    with pytest.raises(ValidationError, match="不能再更改填报频次"):
        services.set_rhythm(plan.city, 2022, "周报", plan.dispatcher, "web")
    assert Period.objects.filter(region=plan.city, year=2022).count() == 12


def test_only_the_dispatcher_or_county_admin_of_the_region_manage_periods(plan):
    jan = Period.objects.get(region=plan.city, year=2022, seq=1)
    for user in (plan.county_admin, plan.secretary, plan.viewer, plan.outsider):
        with pytest.raises(PermissionDenied):
            services.open_period(jan, user, "web")
    services.open_period(jan, plan.dispatcher, "web")
    services.close_period(jan, plan.dispatcher, "web")
    jan.refresh_from_db()
    assert jan.state == PeriodState.CLOSED
    assert PeriodSnapshot.objects.filter(period=jan).count() == 3  # 通化市, 东昌区, 辉南县
    with pytest.raises(ValidationError, match="已关闭"):
        services.close_period(jan, plan.dispatcher, "web")


def test_the_job_opens_and_closes_on_schedule_and_is_idempotent(plan, settings):
    settings.DISPATCH_CLOSE_AFTER_DAYS = 7
    counts = jobs.run_periods(today=date(2022, 4, 15))
    assert counts["opened"] == 4  # January to April have started
    # March's deadline is 6 April; closed after 13 April. January and February too.
    assert counts["closed"] == 3
    states = dict(Period.objects.filter(year=2022).values_list("seq", "state"))
    assert states[3] == PeriodState.CLOSED and states[4] == PeriodState.OPEN
    assert states[5] == PeriodState.UPCOMING
    again = jobs.run_periods(today=date(2022, 4, 15))
    assert again == {"schedules": 0, "created": 0, "opened": 0, "closed": 0}
    assert AuditEntry.objects.filter(model="dispatch.Period", source="job").exists()


def test_the_job_rolls_the_rhythm_into_the_new_year(plan, settings):
    settings.DISPATCH_CLOSE_AFTER_DAYS = 0
    counts = jobs.run_periods(today=date(2023, 1, 2))
    assert counts["schedules"] == 1
    assert ReportingSchedule.objects.get(region=plan.city, year=2023).rhythm == "月报"
    assert Period.objects.filter(year=2023).count() == 12
    assert not Period.objects.filter(state=PeriodState.CLOSED).exists()  # 0: never by the job


def test_ensure_schedules_is_idempotent(db):
    from django_q.models import Schedule

    jobs.ensure_schedules()
    jobs.ensure_schedules()
    assert Schedule.objects.filter(func=jobs.JOB).count() == 1


def test_the_job_leaves_periods_older_than_last_year_alone(plan):
    assert jobs.run_periods(today=date(2026, 11, 22)) == {
        "schedules": 0,
        "created": 0,
        "opened": 0,
        "closed": 0,
    }
    assert not Period.objects.exclude(state=PeriodState.UPCOMING).exists()
