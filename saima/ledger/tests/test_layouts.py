from datetime import date
from decimal import Decimal

from saima.audit.models import AuditEntry
from saima.ledger.importer import import_ledger
from saima.projects.models import AnnualPlan, Project, StageEvent

from .files import write_csv, write_openpyxl, write_xlsx

TITLE = "2022年通化市5000万元以上重点项目台账"


def test_it_reads_a_merged_two_row_header_with_title_and_subtotals(world, tmp_path):
    rows = [
        [TITLE],
        [
            "序号",
            "项目名称",
            "县（市、区）",
            "建设性质",
            "投资（万元）",
            None,
            "2022年度计划",
            None,
            "开工时间",
        ],
        [None, None, None, None, "总投资", "年度计划投资", "新建/续建", "复工日期", None],
        ["一、产业项目"],
        [1, "新材料科技产业园", "东昌区", "新建", 50000, 12000, "新建", None, "2022年2月28日"],
        [2, "能繁母牛养殖园区", "东昌区", "扩建", 28000.5, 8000, "续建", "2022/3/15", None],
        [None, "东昌区小计", None, None, 78000.5, 20000],
        [None, None, None, None, None, None],
        [3, "市场大厦", "辉南县", "新建", "8000万", "1500", "新建", None, "2022.3"],
        [None, "合计", None, None, 86000.5, 21500],
    ]
    merges = [
        (0, 0, 0, 8),
        (1, 0, 2, 0),
        (1, 1, 2, 1),
        (1, 2, 2, 2),
        (1, 3, 2, 3),
        (1, 4, 1, 5),
        (1, 6, 1, 7),
        (1, 8, 2, 8),
    ]
    path = write_xlsx(tmp_path / "l.xlsx", rows, merges)
    report = import_ledger(path, user=world.dispatcher, dry_run=False)
    assert report.ok, report.errors
    assert report.year == 2022 and report.title == TITLE
    assert (report.created, report.updated, report.skipped) == (2, 1, 3)
    assert report.unchanged == 0 and report.warnings == []
    new = Project.objects.get(name="新材料科技产业园")
    assert new.region == world.county and new.total_investment_wan == Decimal("50000")
    assert new.stage == "开工"
    assert StageEvent.objects.get(project=new).date == date(2022, 2, 28)
    cows = Project.objects.get(name="能繁母牛养殖园区")
    plan = AnnualPlan.objects.get(project=cows, year=2022)
    assert plan.nature == "续建" and plan.resumed_on == date(2022, 3, 15)
    assert cows.total_investment_wan == Decimal("28000.5")
    # 市场大厦 already exists in 辉南县 (world.sibling_project): matched by name + region.
    world.sibling_project.refresh_from_db()
    assert world.sibling_project.total_investment_wan == Decimal("8000")
    assert AnnualPlan.objects.get(project=world.sibling_project).annual_plan_wan == Decimal("1500")
    assert StageEvent.objects.get(project=world.sibling_project).date == date(2022, 3, 1)
    entry = AuditEntry.objects.filter(project_id=new.pk, model="projects.Project").get()
    assert entry.actor == world.dispatcher and entry.source == "import" and entry.action == "create"


def test_it_converts_yi_and_yuan_headers_exactly(world, tmp_path):
    rows = [
        ["项目名称", "所在区划", "总投资(亿元)", "2022年计划投资（元）", "年度性质"],
        ["甲项目", "220502", 1.2, 123456789, "新建"],
        ["乙项目", "东昌区", "三亿五千万", "8000万", "续建"],
        ["丙项目", "东昌区", "3.5", "1.2亿", "新建"],
    ]
    report = import_ledger(
        write_openpyxl(tmp_path / "y.xlsx", rows), user=world.county_admin, dry_run=False
    )
    assert report.ok, report.errors
    got = dict(Project.objects.values_list("name", "total_investment_wan"))
    assert got["甲项目"] == Decimal("12000") and got["乙项目"] == Decimal("35000")
    assert got["丙项目"] == Decimal("35000")
    plans = dict(AnnualPlan.objects.values_list("project__name", "annual_plan_wan"))
    assert plans["甲项目"] == Decimal("12345.6789")
    assert plans["乙项目"] == Decimal("8000") and plans["丙项目"] == Decimal("12000")


def test_it_reads_chinese_and_serial_dates_and_full_width_digits(world, tmp_path):
    rows = [
        ["项目名称", "签约日期", "开工日期", "竣工时间", "总投资"],
        ["项目一", "2021年12月", 44620, "２０２２．３．１５", "１２，３４５．６"],
        ["项目二", "2021.11", date(2022, 2, 28), None, "５０００"],
        ["  项目 三 ", "2021-10-08", "2022年3月1日", None, 6000],
    ]
    report = import_ledger(
        write_openpyxl(tmp_path / "d.xlsx", rows), user=world.county_admin, dry_run=False
    )
    assert report.ok, report.errors
    one = Project.objects.get(name="项目一")
    assert one.total_investment_wan == Decimal("12345.6") and one.stage == "竣工"
    dates = dict(StageEvent.objects.filter(project=one).values_list("stage", "date"))
    assert dates == {
        "签约": date(2021, 12, 1),
        "开工": date(2022, 2, 28),
        "竣工": date(2022, 3, 15),
    }
    assert Project.objects.filter(name="项目 三", region=world.county).exists()


def test_it_reads_gb18030_csv_with_a_two_row_header(world, tmp_path):
    rows = [
        ["2022年东昌区重点项目台账", "", "", "", ""],
        ["项目名称", "投资（万元）", "", "2022年度计划", ""],
        ["", "总投资", "计划投资", "新建/续建", "复工日期"],
        ["医药文化创意孵化园基础设施", "52000", "9000", "新建", ""],
        ["合计", "52000", "9000", "", ""],
    ]
    for encoding in ("gb18030", "utf-8-sig", "utf-8"):
        path = write_csv(tmp_path / f"{encoding}.csv", rows, encoding)
        report = import_ledger(path, user=world.county_admin, dry_run=True)
        assert report.ok, report.errors
        assert (report.created, report.updated, report.skipped) == (0, 1, 1)
        assert [c["key"] for c in report.columns] == [
            "name",
            "total_investment_wan",
            "annual_plan_wan",
            "year_nature",
            "resumed_on",
        ]


def test_it_warns_when_the_files_totals_disagree(world, tmp_path):
    rows = [
        ["序号", "项目名称", "总投资（万元）"],
        ["合计", None, 99999],
        ["一、产业项目"],
        [1, "甲", 100],
        [2, "乙", 200],
        ["小计", None, 301],
    ]
    report = import_ledger(write_openpyxl(tmp_path / "t.xlsx", rows), user=world.county_admin)
    assert report.ok and report.created == 2 and report.skipped == 3
    assert len(report.warnings) == 2
    assert report.warnings[0].startswith(
        "第6行 第3列（总投资（万元））: 文件中的小计为301万元，逐行相加为300万元"
    )
    assert "第2行" in report.warnings[1] and "合计" in report.warnings[1]
    assert not Project.objects.filter(name="甲").exists()  # a preview stores nothing


def test_an_update_is_audited_with_old_and_new_values(world, tmp_path):
    rows = [
        ["项目名称", "所在区划", "总投资（万元）", "建设地点", "签约日期"],
        ["医药文化创意孵化园基础设施", "东昌区", "6亿", "金厂镇", "2021-06-01"],
    ]
    report = import_ledger(
        write_openpyxl(tmp_path / "u.xlsx", rows), user=world.county_admin, dry_run=False
    )
    assert (report.created, report.updated) == (0, 1)
    world.project.refresh_from_db()
    assert world.project.total_investment_wan == Decimal("60000") and world.project.version == 2
    entry = AuditEntry.objects.get(model="projects.Project", action="update")
    assert entry.changes == {
        "total_investment_wan": ["52000", "60000"],
        "location": ["", "金厂镇"],
        "stage": [None, "签约"],
    }
    assert entry.actor == world.county_admin and entry.source == "import"
    event = AuditEntry.objects.get(model="projects.StageEvent")
    assert event.project_id == world.project.pk and event.changes["date"] == [None, "2021-06-01"]


def test_it_reports_the_rows_and_columns_of_a_table_that_does_not_start_at_a1(world, tmp_path):
    rows = [[], [], [None, "项目名称", "所在区划", "总投资"], [None, "甲", "东昌区", "abc"]]
    report = import_ledger(write_openpyxl(tmp_path / "o.xlsx", rows), user=world.county_admin)
    assert report.errors[0].startswith("第4行 第4列（总投资）: 无法识别的金额“abc”")


def test_region_headings_place_the_rows_below_them(world, tmp_path):
    rows = [
        ["序号", "项目名称", "总投资（万元）"],
        ["一、东昌区（1个）"],
        [1, "东昌新项目", 100],
        ["二、辉南县"],
        [2, "辉南新项目", 200],
        ["小计", None, 200],
    ]
    report = import_ledger(
        write_openpyxl(tmp_path / "r.xlsx", rows), user=world.dispatcher, dry_run=False
    )
    assert report.ok and report.created == 2 and report.warnings == []
    assert Project.objects.get(name="东昌新项目").region == world.county
    assert Project.objects.get(name="辉南新项目").region == world.sibling
