import io
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from saima.audit.models import Source
from saima.letters import services
from saima.letters.jobs import issue_bulk
from saima.letters.models import BulkRun, Letter, Sequence
from saima.notifications.models import Notification
from saima.problems.jobs import escalate_due
from saima.projects.models import AnnualPlan, Project, StageEvent


@pytest.fixture
def lagging(world, raise_land, clock):
    """东昌区 lags: a planned 新建 project has not started, and a problem is overdue."""
    AnnualPlan.objects.create(project=world.project, year=2022, nature="新建", annual_plan_wan=100)
    started = Project.objects.create(
        name="已开工项目", region=world.county, total_investment_wan=Decimal(9000)
    )
    AnnualPlan.objects.create(project=started, year=2022, nature="新建")
    StageEvent.objects.create(project=started, stage="开工", date=date(2022, 4, 1))
    raise_land()
    clock.day = date(2022, 11, 2)
    escalate_due()
    return world


def test_it_lists_what_lags_and_numbers_the_letter(lagging, clock):
    letter = services.issue_letter(lagging.county, lagging.dispatcher, Source.WEB)
    assert letter.reference == "通项目提〔2022〕1号"
    assert letter.period == "2022-11" and letter.reply_due == date(2022, 11, 9)
    keys = [s["key"] for s in letter.sections]
    # No progress reports at all: 0% against the daily time progress of 2 Nov (306 ÷ 365).
    assert keys == ["behind_time_progress", "planned_not_started", "overdue_problems"]
    assert "低于序时进度83.8个百分点" in letter.sections[0]["items"][0]
    assert "医药文化创意孵化园基础设施" in letter.sections[1]["items"][0]
    assert all("已开工项目" not in item for item in letter.sections[1]["items"])
    assert Notification.objects.filter(user=lagging.county_admin, title__contains="提示函").exists()
    again = services.issue_letter(lagging.county, lagging.dispatcher, Source.WEB, kind="督办函")
    assert again.reference == "通项目督〔2022〕1号"


def test_the_docx_is_in_official_layout_with_chinese_fonts(lagging):
    letter = services.issue_letter(lagging.county, lagging.dispatcher, Source.WEB)
    doc = Document(io.BytesIO(letter.file.read()))
    section = doc.sections[0]
    mm = [round(v.mm) for v in (section.page_width, section.page_height)]
    assert mm == [210, 297]  # A4 (stored in twips, hence the rounding)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    texts = [p.text for p in doc.paragraphs]
    assert "通项目提〔2022〕1号" in texts
    assert "关于东昌区重点项目推进滞后事项的提示函" in texts
    assert "东昌区人民政府：" in texts
    assert "一、投资进度滞后项目" in texts and "二、计划新开工未开工项目" in texts
    assert "三、超期未办结问题" in texts
    assert any(t.startswith("（一）第3级会商问题") for t in texts)
    title = next(p for p in doc.paragraphs if p.text.startswith("关于"))
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text.startswith("1. "))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.runs[0].font.size == Pt(16)
    heading = next(p for p in doc.paragraphs if p.text.startswith("一、"))
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    sub = next(p for p in doc.paragraphs if p.text.startswith("（一）"))
    assert sub.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    styles = doc.styles.element.xml
    assert 'w:eastAsia="zh-CN"' in styles and "ja-JP" not in styles
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "— " in section.footer.paragraphs[0].text


def test_no_duplicate_letter_for_the_same_region_and_period(lagging):
    first = services.issue_letter(lagging.county, lagging.dispatcher, Source.WEB)
    with pytest.raises(ValidationError) as err:
        services.issue_letter(lagging.county, lagging.dispatcher, Source.WEB)
    assert first.reference in err.value.message_dict["period"][0]
    assert Letter.objects.count() == 1
    assert Sequence.objects.get().last == 1  # the refused letter used no number


def test_only_the_city_dispatcher_sends_and_only_where_something_lags(lagging, world):
    with pytest.raises(PermissionDenied):
        services.issue_letter(world.county, world.county_admin, Source.WEB)
    with pytest.raises(PermissionDenied):
        services.issue_letter(world.other_county, world.dispatcher, Source.WEB)
    with pytest.raises(ValidationError) as err:
        services.issue_letter(world.sibling, world.dispatcher, Source.WEB)
    assert "没有滞后事项" in err.value.message_dict["region"][0]


def test_a_letter_to_a_unit_lists_only_its_projects(lagging, world):
    letter = services.issue_letter(world.county, world.dispatcher, Source.WEB, unit=world.unit)
    assert letter.unit == world.unit
    assert "东昌区发改局：" in [p.text for p in Document(io.BytesIO(letter.file.read())).paragraphs]


def test_reading_and_replying_are_tracked(lagging, world):
    letter = services.issue_letter(world.county, world.dispatcher, Source.WEB)
    assert not services.mark_read(letter, world.dispatcher)  # the sender reading is not "read"
    assert services.mark_read(letter, world.county_admin)
    with pytest.raises(ValidationError):
        services.reply(letter, " ", world.county_admin, Source.WEB)
    with pytest.raises(PermissionDenied):
        services.reply(letter, "已整改", world.other_admin, Source.WEB)
    services.reply(letter, "已召开专题会，项目11月开工", world.county_admin, Source.WEB)
    letter.refresh_from_db()
    assert letter.replied_by == world.county_admin and letter.status == "已回复"
    assert Notification.objects.filter(user=world.dispatcher, title__contains="已回复").exists()


def test_a_bulk_task_queued_before_runs_were_stored_still_runs(lagging, world):
    issue_bulk(world.city.code, world.dispatcher.pk, "提示函", "2022-11-02")
    run = BulkRun.objects.get()
    assert (run.status, run.issued) == ("done", ["通项目提〔2022〕1号"])
    assert Letter.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbers_are_distinct():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections (PostgreSQL)")
    numbers, errors = [], []

    def take():
        from django.db import transaction

        try:
            with transaction.atomic():
                numbers.append(services.next_number("通项目提", 2022))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == list(range(1, 9))
