"""A realistic N-row county ledger (台账) as offices send it, for the import benchmark.

Title row, a two-row header with merged cells ("投资（万元）" over "总投资" / "2022年计划投资",
"2022年度计划", "项目节点"), a 合计 row under the header, a section row per region
("一、东昌区"), the projects, and a 小计 row per region. Dates are mostly real date cells, some
typed as text the way people do ("2022年3月", "2022.3.15"); some amounts are text ("1.2亿").

    python bench/generate.py --rows 100000 -o bench/out/ledger.xlsx
"""

import argparse
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import xlsxwriter

YEAR = 2022
REGIONS = [
    ("220502", "东昌区"),
    ("220503", "二道江区"),
    ("220521", "通化县"),
    ("220523", "辉南县"),
    ("220524", "柳河县"),
    ("220581", "梅河口市"),
    ("220582", "集安市"),
]
DEPARTMENTS = ["发改局", "工信局", "住建局", "商务局", "文旅局"]
PRODUCTS = [
    "新材料",
    "医药",
    "人参",
    "冰雪",
    "大数据",
    "冷链物流",
    "光伏",
    "标准化厂房",
    "康养",
    "食品",
]
KINDS = ["产业园", "生产线", "基地", "建设项目", "改造项目", "综合体"]
NATURES = ["新建", "扩建", "改建和技术改造", "迁建"]
CATEGORIES = ["产业", "基础设施", "社会民生", "生态环保", "其他"]
INDUSTRIES = ["C 制造业", "制造业", "E", "G 交通运输、仓储和邮政业", "N", "R 文化、体育和娱乐业"]
ORDINALS = "一二三四五六七八九十"
HEADER_TOP = [
    "序号",
    "项目名称",
    "县（市、区）",
    "建设内容",
    "建设性质",
    "项目类别",
    "国民经济行业",
    "项目单位",
    "建设地点",
    "用地面积（亩）",
    "投资（万元）",
    None,
    f"{YEAR}年度计划",
    None,
    "项目节点",
    None,
    None,
    "责任单位",
    "备注",
]
HEADER_BOTTOM = [
    None,
    None,
    None,
    None,
    None,
    None,
    None,
    None,
    None,
    None,
    "总投资",
    f"{YEAR}年计划投资",
    "新建/续建",
    "复工日期",
    "签约",
    "开工",
    "竣工",
    None,
    None,
]
MERGES = [(10, 11), (12, 13), (14, 16)]


def project_rows(count: int, rng: random.Random):
    """(region, cells) for `count` projects; amounts as Decimal for the totals."""
    base = date(2019, 1, 1)
    for i in range(count):
        code, region = REGIONS[i * len(REGIONS) // count]
        total = Decimal(rng.randrange(5000_00, 900000_00)) / 100
        plan = (total * Decimal(rng.randrange(10, 60)) / 100).quantize(Decimal("0.01"))
        continuing = rng.random() < 0.45
        signed = base + timedelta(days=rng.randrange(0, 900))
        started = signed + timedelta(days=rng.randrange(10, 300))
        done = started + timedelta(days=rng.randrange(200, 500)) if rng.random() < 0.3 else None
        resumed = date(YEAR, rng.randrange(2, 5), rng.randrange(1, 28)) if continuing else None
        name = f"{region}{rng.choice(PRODUCTS)}{rng.choice(KINDS)}{i + 1}号"
        cells = [
            None,  # 序号, filled by the writer
            name,
            region,
            f"新建厂房{rng.randrange(1, 30)}栋，建筑面积{rng.randrange(1, 90)}万平方米，购置设备{rng.randrange(10, 400)}台（套）",
            rng.choice(NATURES),
            rng.choice(CATEGORIES),
            rng.choice(INDUSTRIES),
            f"通化{rng.choice(PRODUCTS)}有限公司",
            f"{region}{rng.choice(['经济开发区', '工业集中区', '城区', '高新区'])}",
            round(rng.uniform(5, 900), 1),
            total,
            plan,
            "续建" if continuing else "新建",
            resumed,
            signed,
            started if started < date(2024, 12, 31) else None,
            done,
            f"{region}{rng.choice(DEPARTMENTS)}",
            "冬季不停工" if rng.random() < 0.1 else None,
        ]
        yield region, cells


def write(path: Path, rows: int, seed: int = 2022) -> Path:
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("2022年台账")
    head = book.add_format({"bold": True, "align": "center", "border": 1, "text_wrap": True})
    money = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    width = len(HEADER_TOP)
    sheet.merge_range(0, 0, 0, width - 1, f"{YEAR}年通化市5000万元以上重点项目台账", head)
    for col, label in enumerate(HEADER_TOP):
        if label and HEADER_BOTTOM[col] is None:
            sheet.write(1, col, label, head)
    for first, last in MERGES:
        sheet.merge_range(1, first, 1, last, HEADER_TOP[first], head)
    for col, label in enumerate(HEADER_BOTTOM):
        sheet.write(2, col, label, head) if label else sheet.write_blank(2, col, None, head)
    # Vertical merges of the single labels (constant-memory mode cannot revisit row 1).
    sheet.merge.extend([1, c, 2, c] for c, b in enumerate(HEADER_BOTTOM) if b is None)
    # The totals row goes first, as many offices do: compute it before writing.
    projects = list(project_rows(rows, rng))
    grand = [
        sum((c[10] for _r, c in projects), Decimal(0)),
        sum((c[11] for _r, c in projects), Decimal(0)),
    ]
    r = 3
    sheet.write(r, 0, "合计")
    sheet.write_number(r, 10, float(grand[0]), money)
    sheet.write_number(r, 11, float(grand[1]), money)
    r += 1
    current, group, seq, section = None, [Decimal(0), Decimal(0)], 0, 0

    def subtotal(row):
        sheet.write(row, 1, f"{current}小计")
        sheet.write_number(row, 10, float(group[0]), money)
        sheet.write_number(row, 11, float(group[1]), money)

    for region, cells in projects:
        if region != current:
            if current is not None:
                subtotal(r)
                r += 1
            current, group = region, [Decimal(0), Decimal(0)]
            sheet.write(r, 0, f"{ORDINALS[section % 10]}、{region}")
            section += 1
            r += 1
        seq += 1
        cells[0] = seq
        group[0] += cells[10]
        group[1] += cells[11]
        for col, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, date):
                style = seq % 10
                if style == 1:
                    sheet.write_string(r, col, f"{value.year}年{value.month}月{value.day}日")
                elif style == 2:
                    sheet.write_string(r, col, f"{value.year}.{value.month}.{value.day}")
                else:
                    sheet.write_datetime(r, col, value, day)
            elif isinstance(value, Decimal):
                if seq % 50 == 0 and col == 10 and value == value.to_integral():
                    sheet.write_string(r, col, f"{value}万")
                else:
                    sheet.write_number(r, col, float(value), money)
            elif isinstance(value, str):
                sheet.write_string(r, col, value)
            else:
                sheet.write_number(r, col, value)
        r += 1
    subtotal(r)
    sheet.freeze_panes(3, 2)
    book.close()
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("-o", "--output", default="bench/out/ledger.xlsx")
    args = parser.parse_args()
    print(write(Path(args.output), args.rows))


if __name__ == "__main__":
    main()
