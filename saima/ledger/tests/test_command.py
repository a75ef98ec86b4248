from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from saima.audit.models import AuditEntry
from saima.projects.models import Project

from .files import read_xlsx, write_openpyxl

ROWS = [["项目名称", "总投资（亿元）", "开工日期"], ["命令行项目", "1.2亿", "2022-03-15"]]


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("ledger", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_previews_then_imports_from_the_command_line(world, tmp_path):
    path = write_openpyxl(tmp_path / "l.xlsx", ROWS)
    out, err = _run("import", str(path), "--region", "220502", "--dry-run")
    assert "预览（未改动数据）：新增1个" in out
    assert "导入" in err  # the progress bar
    assert not Project.objects.filter(name="命令行项目").exists()
    out, _err = _run("import", str(path), "--region", "220502", "--user", "county_admin")
    assert "已导入" in out
    project = Project.objects.get(name="命令行项目")
    assert project.total_investment_wan == Decimal("12000") and project.region == world.county
    entry = AuditEntry.objects.get(project_id=project.pk, model="projects.Project")
    assert entry.actor == world.county_admin and entry.source == "import"


def test_it_fails_with_the_errors_and_changes_nothing(world, tmp_path):
    path = write_openpyxl(tmp_path / "l.xlsx", [*ROWS, ["坏项目", "abc", None]])
    with pytest.raises(CommandError, match="没有导入任何数据"):
        _run("import", str(path), "--region", "220502", "--no-progress")
    assert not Project.objects.filter(name="命令行项目").exists()


def test_it_refuses_rows_outside_the_users_region(world, tmp_path):
    path = write_openpyxl(tmp_path / "l.xlsx", ROWS)
    with pytest.raises(CommandError):
        _run("import", str(path), "--region", "220523", "--user", "county_admin", "--no-progress")
    assert not Project.objects.filter(name="命令行项目").exists()


def test_an_explicit_year_wins_over_the_files_with_a_warning(world, tmp_path):
    rows = [["2022年台账"], ["项目名称", "2022年计划投资", "新建/续建"], ["年度项目", 100, "新建"]]
    path = write_openpyxl(tmp_path / "l.xlsx", rows)
    out, _err = _run("import", str(path), "--region", "220502", "--year", "2023", "--no-progress")
    assert "导入时指定的年度（2023）与文件中的年度（2022）不同 — 年度计划按2023年导入" in out
    assert Project.objects.get(name="年度项目").plans.get().year == 2023


def test_it_exports_a_region(world, tmp_path):
    path = tmp_path / "out.xlsx"
    out, _err = _run("export", "--region", "220500", "--year", "2022", "-o", str(path))
    assert "已导出2个项目" in out
    _book, sheet = read_xlsx(path)
    assert sheet["A1"].value == "2022年通化市5000万元以上重点项目台账"
    names = [sheet.cell(r, 3).value for r in range(4, 9)]
    assert names == [
        "医药文化创意孵化园基础设施",
        "东昌区小计（1个）",
        "市场大厦",
        "辉南县小计（1个）",
        "合计（2个）",
    ]
