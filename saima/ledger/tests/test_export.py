from datetime import date
from decimal import Decimal

from saima.audit.models import AuditEntry
from saima.ledger.exporter import export_ledger, text_width
from saima.ledger.importer import import_ledger
from saima.projects.models import AnnualPlan, Project, StageEvent

from .files import read_xlsx


def _ledger(world):
    p = world.project
    p.code = "2201-220502-04-01-123456"
    p.content = "建设标准化厂房6栋，配套道路管网"
    p.owner_name = '=HYPERLINK("http://x","点我")'
    p.industry, p.category, p.plan_level = "C", "产业", "市"
    p.land_mu, p.location = Decimal("181.80"), "-金厂镇"
    p.total_investment_wan = Decimal("52000.1234")
    p.stage = "开工"
    p.save()
    AnnualPlan.objects.create(
        project=p,
        year=2022,
        nature="续建",
        annual_plan_wan=Decimal("9000.5"),
        resumed_on=date(2022, 3, 1),
    )
    StageEvent.objects.create(project=p, stage="签约", date=date(2021, 6, 1))
    StageEvent.objects.create(project=p, stage="开工", date=date(2021, 9, 30))
    AnnualPlan.objects.create(
        project=world.sibling_project, year=2022, nature="新建", annual_plan_wan=Decimal("1500")
    )


def test_it_writes_the_official_layout(world, tmp_path):
    _ledger(world)
    path = tmp_path / "out.xlsx"
    count = export_ledger(Project.objects.within(world.city), path, year=2022, region=world.city)
    assert count == 2
    book, sheet = read_xlsx(path)
    assert sheet["A1"].value == "2022年通化市5000万元以上重点项目台账"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:X1", "A2:A3", "C2:C3", "O2:O3", "P2:R2", "S2:X2"} <= merged
    assert sheet["P2"].value == "2022年度计划" and sheet["Q3"].value == "计划投资（万元）"
    assert sheet.freeze_panes == "D4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 8
    assert sheet.print_title_rows == "$2:$3"
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert values[0][2] == "医药文化创意孵化园基础设施" and values[0][14] == 52000.1234
    assert values[1][2] == "东昌区小计（1个）" and values[1][14] == 52000.1234
    assert values[2][2] == "市场大厦"
    assert (
        values[4][2] == "合计（2个）" and values[4][14] == 60000.1234 and values[4][16] == 10500.5
    )
    assert sheet.cell(4, 15).number_format == "#,##0.00"
    # CJK text needs about two columns a character.
    assert sheet.column_dimensions["E"].width >= text_width("建设标准化厂房6栋，配套道路管网")


def test_it_neutralises_text_that_would_be_a_formula(world, tmp_path):
    _ledger(world)
    path = tmp_path / "out.xlsx"
    export_ledger(Project.objects.filter(pk=world.project.pk), path, year=2022, region=world.county)
    book, sheet = read_xlsx(path)
    owner, location = sheet["I4"], sheet["K4"]
    assert owner.data_type == "s" and owner.value.startswith("=HYPERLINK")
    assert owner.quotePrefix and location.quotePrefix and location.value == "-金厂镇"
    with open(path, "rb") as fh:
        assert b"<f>" not in fh.read()  # no formula anywhere in the file


def test_export_then_import_changes_nothing(world, tmp_path):
    _ledger(world)
    path = tmp_path / "out.xlsx"
    export_ledger(Project.objects.within(world.city), path, year=2022, region=world.city)
    audit = AuditEntry.objects.count()
    report = import_ledger(path, user=world.dispatcher, dry_run=False)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2), report
    assert report.skipped == 3 and report.warnings == []
    assert AuditEntry.objects.count() == audit
    assert [c["key"] for c in report.columns][:4] == ["seq", "code", "name", "region"]


def test_reimporting_the_same_file_changes_nothing(world, tmp_path):
    from .files import write_openpyxl

    rows = [
        ["项目名称", "所在区划", "总投资（亿元）", "开工日期"],
        ["新项目", "东昌区", 1.5, "2022-04-01"],
    ]
    path = write_openpyxl(tmp_path / "a.xlsx", rows)
    first = import_ledger(path, user=world.county_admin, dry_run=False)
    assert first.created == 1 and first.stored
    audit = AuditEntry.objects.count()
    version = Project.objects.get(name="新项目").version
    again = import_ledger(path, user=world.county_admin, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert AuditEntry.objects.count() == audit
    assert Project.objects.get(name="新项目").version == version
