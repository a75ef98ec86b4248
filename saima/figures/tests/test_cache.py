"""Cached figures are never served for data that changed since they were computed.

These tests commit (transactional_db): the data versions move only after a commit, and the
cache is bypassed inside a transaction, which is where ordinary tests run.
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import OperationalError, connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import functional
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from saima.audit.models import Source
from saima.conftest import build_world
from saima.dispatch import services as dispatch
from saima.dispatch.models import Filing, Period
from saima.figures import versions
from saima.figures.cache import cached, cached_over
from saima.figures.ledger import ledger_figures
from saima.figures.models import DataVersion
from saima.ledger.importer import import_ledger
from saima.ledger.tests.files import write_csv
from saima.problems import jobs as problem_jobs
from saima.problems.models import Category, Problem
from saima.projects import services
from saima.projects.models import Project
from saima.regions.models import Region, RegionLevel

pytestmark = pytest.mark.django_db(transaction=True)
SUBMITTED = datetime(2022, 4, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def w(settings):
    settings.FIGURES_CACHE_SECONDS = 600
    caches[settings.FIGURES_CACHE].clear()
    return build_world()


def planned(w, name, region, total="1000"):
    project = services.create_project(
        {"name": name, "region": region, "total_investment_wan": Decimal(total)},
        w.admin,
        Source.WEB,
    )
    services.save_plan(
        None,
        {"project": project, "year": 2022, "nature": "新建", "annual_plan_wan": Decimal("10")},
        w.admin,
        Source.WEB,
    )
    return project


def figures_api(client, region, **query):
    response = client.get("/api/v1/figures", {"region": region.code, "year": 2022, **query})
    assert response.status_code == 200, response.content
    return response.json()


def test_a_second_read_comes_from_the_cache_with_one_query(w, client):
    planned(w, "项目甲", w.county)
    first = cached(ledger_figures, w.city, 2022, date(2022, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        again = cached(ledger_figures, w.city, 2022, date(2022, 6, 30))
    assert len(queries.captured_queries) == 1  # the data versions
    assert again.planned_projects == first.planned_projects == 1


def test_the_api_figures_follow_every_committed_change(w, client):
    client.force_login(w.dispatcher)
    before = figures_api(client, w.city)["planned_projects"]
    project = planned(w, "项目乙", w.county)
    assert figures_api(client, w.city)["planned_projects"] == before + 1
    assert figures_api(client, w.county)["planned_projects"] == before + 1
    services.update_project(project, {"region": w.sibling}, w.admin, Source.WEB)
    # The project left 东昌区: its old region moves as well as its new one.
    assert figures_api(client, w.county)["planned_projects"] == before
    assert figures_api(client, w.sibling)["planned_projects"] == 1
    services.delete_project(project, w.admin, Source.WEB)
    assert figures_api(client, w.city)["planned_projects"] == before


def test_the_overview_page_follows_a_stage_date(w, client):
    project = planned(w, "项目丙", w.county)
    client.force_login(w.dispatcher)
    url = reverse("region_overview", kwargs={"code": w.city.code})
    query = {"year": 2022, "as_of": "2022-06-30"}
    assert client.get(url, query).context["figures"].started_new == 0
    services.set_stage(project, "开工", date(2022, 3, 1), w.admin, Source.WEB)
    assert client.get(url, query).context["figures"].started_new == 1


def test_a_sibling_county_does_not_move_the_other_countys_figures(w):
    county, sibling, city = (versions.token(r) for r in (w.county, w.sibling, w.city))
    planned(w, "项目丁", w.sibling)
    assert versions.token(w.county) == county
    assert versions.token(w.sibling) != sibling
    assert versions.token(w.city) != city


def test_a_period_of_the_city_moves_the_counties_below_it(w):
    county = versions.token(w.county)
    dispatch.set_rhythm(w.city, 2022, "月报", w.dispatcher, Source.WEB)
    assert versions.token(w.county) != county


def test_a_draft_filing_moves_nothing_and_a_submitted_one_does(w):
    project = planned(w, "项目戊", w.county)
    dispatch.set_rhythm(w.city, 2022, "月报", w.dispatcher, Source.WEB)
    period = Period.objects.get(region=w.city, year=2022, seq=3)
    county = versions.token(w.county)
    filing = Filing.objects.create(project=project, period=period, amount_wan=Decimal("5"))
    assert versions.token(w.county) == county
    filing.state, filing.first_submitted_at = "已提交", SUBMITTED
    filing.save()
    assert versions.token(w.county) != county


def test_nothing_moves_for_a_rolled_back_change_and_the_cache_is_bypassed_inside_one(w):
    token = versions.token(w.city)
    with pytest.raises(RuntimeError), transaction.atomic():
        planned(w, "项目己", w.county)
        # Inside the transaction the figures see the uncommitted project, from no cache.
        assert cached(ledger_figures, w.city, 2022, date(2022, 6, 30)).planned_projects == 1
        raise RuntimeError
    assert versions.token(w.city) == token
    assert cached(ledger_figures, w.city, 2022, date(2022, 6, 30)).planned_projects == 0


def test_the_escalation_job_moves_the_problems_region(w):
    project = planned(w, "项目庚", w.county)
    category = Category.objects.create(name="要素保障")
    Problem.objects.create(
        project=project,
        category=category,
        description="用地指标未落实",
        raised_by=w.admin,
        raised_on=date(2022, 3, 1),
        deadline=date(2022, 3, 4),
    )
    token = versions.token(w.county)
    problem_jobs.escalate_due(today=date(2022, 6, 1))
    assert versions.token(w.county) != token


def test_a_bulk_import_moves_everything(w, tmp_path):
    token = versions.token(w.sibling)
    path = write_csv(
        tmp_path / "l.csv",
        [["项目名称", "所属区划", "总投资（万元）"], ["导入项目", w.county.name, "100"]],
    )
    report = import_ledger(path, user=w.admin, year=2022, dry_run=False)
    assert report.created == 1, report.as_dict() if hasattr(report, "as_dict") else report
    assert versions.token(w.sibling) != token


def test_a_reset_makes_a_new_epoch_and_counters_survive_concurrent_bumps(w):
    token = versions.token(w.city)
    versions.reset()
    assert versions.token(w.city) != token
    versions.bump(["below:2205", "own:2205"])
    versions.bump(["below:2205"])
    assert DataVersion.objects.get(key="below:2205").value >= 2
    assert DataVersion.objects.get(key="own:2205").value >= 1


def test_a_restore_starts_a_new_epoch(w, tmp_path):
    from saima.core import backup

    backup.backup(tmp_path / "b.tar.gz")
    projects = Project.objects.count()
    token = versions.token(w.city)
    backup.restore(tmp_path / "b.tar.gz")
    assert versions.token(w.city) != token
    assert Project.objects.count() == projects


def test_list_counts_and_totals_follow_every_committed_change(w, client):
    client.force_login(w.dispatcher)
    page = client.get(reverse("project_list")).context
    count, total = page["page"].paginator.count, page["total_wan"]
    api_count = client.get("/api/v1/projects").json()["count"]
    project = planned(w, "项目辛", w.county, total="250")
    page = client.get(reverse("project_list")).context
    assert page["page"].paginator.count == count + 1
    assert page["total_wan"] == total + Decimal("250")
    assert client.get("/api/v1/projects").json()["count"] == api_count + 1
    services.update_project(project, {"total_investment_wan": Decimal("300")}, w.admin, "web")
    assert client.get(reverse("project_list")).context["total_wan"] == total + Decimal("300")


def test_a_town_with_a_code_shorter_than_twelve_digits_has_its_own_counter(w):
    town = Region.objects.create(
        code="220502001", name="东昌街道", level=RegionLevel.TOWN, parent=w.county
    )
    token = versions.token(town)
    planned(w, "街道项目", town)
    assert versions.token(town) != token


def test_counts_of_lists_whose_changes_are_not_all_tracked_are_not_cached(w, client):
    project = planned(w, "项目壬", w.county)
    dispatch.set_rhythm(w.city, 2022, "月报", w.dispatcher, Source.WEB)
    period = Period.objects.get(region=w.city, year=2022, seq=3)
    client.force_login(w.admin)
    before = client.get("/api/v1/filings").json()["count"]
    Filing.objects.create(project=project, period=period, amount_wan=Decimal("5"))  # a draft
    assert client.get("/api/v1/filings").json()["count"] == before + 1


def test_rows_loaded_raw_move_everything(w):
    token = versions.token(w.sibling)
    post_save.send(sender=Project, instance=w.project, raw=True, created=False, using="default")
    assert versions.token(w.sibling) != token


def test_a_failed_move_is_retried_at_the_next_commit(w, monkeypatch):
    token = versions.token(w.county)
    real = versions.bump

    def broken(keys):
        raise OperationalError("database is locked")

    monkeypatch.setattr(versions, "bump", broken)
    planned(w, "项目癸", w.county)  # committed; the move fails (logged, not raised)
    assert versions.token(w.county) == token
    monkeypatch.setattr(versions, "bump", real)
    planned(w, "项目子", w.sibling)
    assert versions.token(w.county) != token


def test_an_unreadable_cache_entry_is_a_miss(w, monkeypatch, settings):
    store = caches[settings.FIGURES_CACHE]

    def unreadable(*args, **kwargs):
        raise AttributeError("pickled by other code")

    monkeypatch.setattr(store, "get", unreadable)
    assert cached(ledger_figures, w.city, 2022, date(2022, 6, 30)).planned_projects == 0


def test_a_page_reads_the_data_versions_once(w, client):
    client.force_login(w.dispatcher)
    client.get(reverse("region_overview", args=[w.city.code]))  # computes and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("region_overview", args=[w.city.code])).status_code == 200
    reads = [q for q in queries.captured_queries if "figures_dataversion" in q["sql"]]
    assert len(reads) == 1


def test_a_request_that_changes_data_reads_the_versions_again(w):
    request_started.send(sender=None)
    try:
        token = versions.token(w.county)
        assert versions.token(w.county) is token  # read once per request
        planned(w, "项目丑", w.county)  # committed: its move empties what was read
        assert versions.token(w.county) != token
    finally:
        request_finished.send(sender=None)


def test_deleting_a_user_who_leads_projects_moves_the_list_counts(w):
    from saima.accounts.models import User

    chief = User.objects.create_user("chief", password="x", full_name="指挥长")
    Project.objects.filter(pk=w.sibling_project.pk).update(leader=chief)
    versions.touch_global()  # (the update above went around the signals)
    without_leader = Project.objects.filter(leader__isnull=True)
    before = cached_over(without_leader, lambda qs: qs.count())
    chief.delete()  # the project's leader is cleared by one bulk UPDATE, no signal
    assert cached_over(without_leader, lambda qs: qs.count()) == before + 1


def test_a_region_moved_to_another_parent_moves_both_parents(w):
    old, new = versions.token(w.city), versions.token(w.other_city)
    w.sibling.parent = w.other_city
    w.sibling.save()
    assert versions.token(w.city) != old
    assert versions.token(w.other_city) != new


def test_codes_above_an_assigned_project_are_in_order():
    from saima.dispatch.models import _codes_above

    assert _codes_above(["220523", "220502"]) == ["220000", "220500", "220502", "220523"]


def labelled(region):
    return {"label": gettext_lazy("累计完成投资"), "code": region.code}


def test_lazy_labels_come_back_lazy_without_a_new_proxy_class_each(w, monkeypatch):
    first = cached(labelled, w.county)
    # Django's own unpickling of a lazy string builds a proxy class per string read back.
    monkeypatch.setattr(functional, "_lazy_proxy_unpickle", None)
    again = cached(labelled, w.county)
    assert again == {"label": first["label"], "code": w.county.code}
    assert isinstance(again["label"], Promise)
    assert str(again["label"]) == "累计完成投资"
