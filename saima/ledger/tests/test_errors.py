from saima.audit.models import AuditEntry
from saima.ledger.importer import import_ledger
from saima.projects.models import Project, StageEvent

from .files import write_csv, write_openpyxl

HEADER = ["序号", "项目名称", "所在区划", "总投资（万元）", "签约日期", "开工日期", "项目代码"]


def _state():
    return (
        list(Project.objects.order_by("id").values_list("name", "total_investment_wan", "version")),
        StageEvent.objects.count(),
        AuditEntry.objects.count(),
    )


def test_a_broken_file_changes_nothing_and_says_where(world, tmp_path):
    rows = [
        HEADER,
        [1, "好项目", "东昌区", 1000, None, None, None],
        [2, "医药文化创意孵化园基础设施", "东昌区", 99999, None, None, None],
        [3, "坏金额", "东昌区", "很多", None, None, None],
        [4, "坏日期", "东昌区", 10, "2022年13月", None, None],
        [5, "", "东昌区", 10, None, None, None],
        [6, "坏区划", "火星区", 10, None, None, None],
        [7, "逆序", "东昌区", 10, "2022-05-01", "2022-04-01", None],
        [8, "坏代码", "东昌区", 10, None, None, "2201-220523-04-01-123456"],
        [9, "好项目", "东昌区", 10, None, None, None],
    ]
    before = _state()
    report = import_ledger(
        write_openpyxl(tmp_path / "b.xlsx", rows), user=world.county_admin, dry_run=False
    )
    assert not report.ok and not report.stored
    assert _state() == before
    errors = report.errors
    assert errors[0] == (
        "第4行 第4列（总投资（万元））: 无法识别的金额“很多” — "
        "应为金额，如 12345.67、1.2亿、8000万 或 三亿五千万"
    )
    assert errors[1].startswith("第5行 第5列（签约日期）: 日期“2022年13月”不存在 — 应为日期")
    assert errors[2] == "第6行 第2列（项目名称）: 项目名称为空 — 每个项目行都应有项目名称"
    assert (
        errors[3]
        == "第7行 第3列（所在区划）: 未知的区划“火星区” — 应为已登记的区划名称或行政区划代码"
    )
    assert errors[4].startswith(
        "第9行 第7列（项目代码）: 项目代码中的区划代码220523与所在区划东昌区（220502）不一致"
    )
    assert errors[5] == "第10行 第2列（项目名称）: 与第2行的项目同名同区划 — 每个项目只应出现一次"
    assert errors[6] == (
        "第8行 第6列（开工日期）: 开工日期2022-04-01早于签约日期2022-05-01 — "
        "各阶段日期应按 谋划→签约→落地→开工→竣工→投产 的先后顺序"
    )
    assert report.error_count == 7


def test_a_file_without_a_header_is_refused(world, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]])
    report = import_ledger(path, user=world.county_admin, dry_run=False)
    assert report.errors == [
        "在前20行中没有找到表头 — 表头应包含“项目名称”及至少一个其他列名（如“总投资”）"
    ]


def test_a_file_that_is_not_a_workbook_is_refused(world, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not really a workbook")
    report = import_ledger(path, user=world.county_admin)
    assert report.errors[0].startswith("文件不是有效的Excel工作簿")


def test_a_county_user_imports_only_rows_of_their_own_region(world, tmp_path):
    rows = [
        ["项目名称", "所在区划", "总投资"],
        ["我的项目", "东昌区", 100],
        ["市场大厦", "辉南县", 1],
        ["浑江区轻工产业园区", "220602", 1],
    ]
    before = _state()
    report = import_ledger(
        write_openpyxl(tmp_path / "s.xlsx", rows), user=world.county_admin, dry_run=False
    )
    assert report.errors == [
        "第3行 第2列（所在区划）: 辉南县不在您的管理范围内 — 只能导入您所管理区划的项目",
        "第4行 第2列（所在区划）: 浑江区不在您的管理范围内 — 只能导入您所管理区划的项目",
    ]
    assert _state() == before
    # Without a region column, rows go to the user's own region.
    rows = [["项目名称", "总投资", "开工日期"], ["我的项目", 100, "2022-01-05"]]
    report = import_ledger(
        write_openpyxl(tmp_path / "t.xlsx", rows), user=world.county_admin, dry_run=False
    )
    assert report.ok and Project.objects.get(name="我的项目").region == world.county


def test_a_secretary_cannot_import(world, tmp_path):
    rows = [["项目名称", "所在区划", "总投资"], ["我的项目", "东昌区", 100]]
    report = import_ledger(
        write_openpyxl(tmp_path / "s.xlsx", rows), user=world.secretary, dry_run=False
    )
    assert report.errors == [
        "第2行 第2列（所在区划）: 东昌区不在您的管理范围内 — 只能导入您所管理区划的项目"
    ]


def test_a_code_of_another_regions_project_is_refused(world, tmp_path):
    world.far_project.code = "2201-220602-04-01-000001"
    world.far_project.save()
    rows = [
        ["项目名称", "所在区划", "项目代码"],
        ["冒名项目", "东昌区", "2201-220502-04-01-000001"],
        ["x", "东昌区", "2201-220602-04-01-000001"],
    ]
    report = import_ledger(
        write_openpyxl(tmp_path / "c.xlsx", rows), user=world.admin, dry_run=True
    )
    assert report.errors == [
        "第3行 第3列（项目代码）: 项目代码中的区划代码220602与所在区划东昌区（220502）不一致 — 项目代码第6–11位应为所在区划代码"
    ]
    assert report.created == 1
