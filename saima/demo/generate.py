"""Plausible generated values: project names, owners with valid unified social credit codes,
valid-shaped project codes, exact amounts and dates. Everything draws from the demo's seeded
random generator, so the demo is the same every time."""

import random
import string
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from stdnum.cn import uscc

from saima.projects.choices import Category

HUNDRED = Decimal(100)

# (name stem, industry section, category); names read "<place><stem>".
STEMS = {
    Category.INDUSTRY: [
        ("人参精深加工产业园项目", "C"),
        ("年产5000吨人参饮品生产线建设项目", "C"),
        ("中药饮片及配方颗粒生产项目", "C"),
        ("生物医药产业园标准化厂房建设项目", "C"),
        ("葡萄酒庄及酿造车间扩建项目", "C"),
        ("矿泉水生产线建设项目", "C"),
        ("新型建材生产线项目", "C"),
        ("木制品精深加工项目", "C"),
        ("蓝莓果酒及果汁深加工项目", "C"),
        ("铸造产业园项目", "C"),
        ("装备制造产业园项目", "C"),
        ("光伏发电项目", "D"),
        ("风力发电项目", "D"),
        ("农产品冷链物流园项目", "G"),
        ("食用菌产业园项目", "A"),
        ("肉牛养殖示范基地项目", "A"),
        ("林下经济示范基地项目", "A"),
        ("冰雪旅游度假区项目", "R"),
        ("商贸物流中心项目", "F"),
        ("数字经济产业园项目", "I"),
    ],
    Category.INFRASTRUCTURE: [
        ("城区供热管网改造工程", "D"),
        ("供水管网改造工程", "D"),
        ("城市道路建设工程", "E"),
        ("老旧小区改造项目", "E"),
        ("县乡公路改造工程", "G"),
        ("农村公路提质改造工程", "G"),
        ("工业园区基础设施建设项目", "E"),
        ("5G基站及信息基础设施建设项目", "I"),
        ("城市停车场建设项目", "G"),
    ],
    Category.SOCIAL: [
        ("人民医院门诊综合楼建设项目", "Q"),
        ("养老服务中心建设项目", "Q"),
        ("第二高级中学新建项目", "P"),
        ("职业技术学校实训基地项目", "P"),
        ("全民健身中心建设项目", "R"),
        ("保障性租赁住房项目", "K"),
    ],
    Category.ECOLOGY: [
        ("河道综合治理工程", "N"),
        ("污水处理厂提标改造工程", "N"),
        ("生活垃圾处理厂建设项目", "N"),
        ("矿山生态修复项目", "N"),
        ("水土保持综合治理项目", "N"),
    ],
}
CATEGORY_WEIGHTS = {
    Category.INDUSTRY: 60,
    Category.INFRASTRUCTURE: 20,
    Category.SOCIAL: 10,
    Category.ECOLOGY: 10,
}
PHASES = ["", "（一期）", "（二期）", "（三期）", "（四期）"]

FIRMS = [
    "华晟",
    "鑫源",
    "正泰",
    "长白山",
    "鸿达",
    "瑞丰",
    "恒信",
    "北方",
    "东林",
    "益康",
    "金诚",
    "松江",
]
AREAS = [
    "城东",
    "城西",
    "城南",
    "城北",
    "新区",
    "老城区",
    "开发区",
    "北部",
    "南部",
    "东部",
    "西部",
    "滨江",
]
FIRM_KINDS = [
    "科技有限公司",
    "实业有限公司",
    "生物科技有限公司",
    "建设投资有限公司",
    "新材料有限公司",
]
CHANNELS_BY_CATEGORY = {
    Category.INDUSTRY: ["企业自筹", "银行贷款"],
    Category.INFRASTRUCTURE: ["专项债券", "中央预算内", "政府投资"],
    Category.SOCIAL: ["专项债券", "中央预算内", "省预算内"],
    Category.ECOLOGY: ["中央预算内", "专项债券", "政府投资"],
}
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def project_name(rng: random.Random, place: str, category: str, taken: set[str]) -> tuple[str, str]:
    """A unique plausible name and its GB/T 4754 section: "<place>[<brand>]<stem>[<phase>]"."""
    stem, industry = rng.choice(STEMS[category])
    base, suffix = (stem[:-2], stem[-2:]) if stem.endswith(("项目", "工程")) else (stem, "")
    for attempt in range(200):
        brand = (
            "" if attempt == 0 else rng.choice(FIRMS if category == Category.INDUSTRY else AREAS)
        )
        phase = "" if attempt < 20 else rng.choice(PHASES[1:])
        name = f"{place}{brand}{base}{phase}{suffix}"
        if name not in taken:
            taken.add(name)
            return name, industry
    raise ValueError(f"no free name for {stem} in {place}")


def pick_category(rng: random.Random) -> str:
    cats = list(CATEGORY_WEIGHTS)
    return rng.choices(cats, weights=[CATEGORY_WEIGHTS[c] for c in cats])[0]


def organization_code(rng: random.Random) -> str:
    """A GB 11714 organization code: 8 digits and its check character."""
    body = "".join(rng.choice(string.digits) for _ in range(8))
    check = 11 - sum(int(c) * w for c, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def owner(rng: random.Random, place: str, region_code: str) -> tuple[str, str]:
    """An enterprise name and a valid 统一社会信用代码 registered in the region."""
    name = f"{place[:2]}{rng.choice(FIRMS)}{rng.choice(FIRM_KINDS)}"
    body = "91" + region_code[:6] + organization_code(rng)
    return name, body + uscc.calc_check_digit(body)


def project_code(rng: random.Random, region_code: str, when: date, taken: set[str]) -> str:
    """YYMM-RRRRRR-DD-TT-NNNNNN with the project's own region code as the region segment."""
    while True:
        serial = f"{rng.randrange(100000):05d}{rng.randrange(10)}"
        code = f"{when:%y%m}-{region_code[:6]}-{rng.choice(['04', '07', '89'])}-{rng.choice(['01', '02', '03'])}-{serial}"
        if code not in taken:
            taken.add(code)
            return code


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def floor_to(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def split(
    rng: random.Random,
    total: Decimal,
    n: int,
    low: Decimal = Decimal(5000),
    spread: tuple[float, float] = (0.3, 2.5),
    step: Decimal = HUNDRED,
) -> list[Decimal]:
    """n amounts of at least `low` that add up to `total` exactly (the remainder goes to the
    last one); the others are whole multiples of `step`."""
    if n == 0:
        if total != 0:
            raise ValueError(f"no rows left to carry {total}")
        return []
    room = total - low * n
    if room < 0:
        raise ValueError(f"{total} cannot be split into {n} amounts of at least {low}")
    weights = [Decimal(str(round(rng.uniform(*spread), 4))) for _ in range(n)]
    whole = sum(weights)
    parts = [low + floor_to(room * w / whole, step) for w in weights[:-1]]
    return [*parts, total - sum(parts)]


def random_amounts(rng, n: int, low: int, high: int, step: int = 100) -> list[Decimal]:
    return [Decimal(rng.randrange(low // step, high // step + 1) * step) for _ in range(n)]


def annual_split(rng: random.Random, totals: list[Decimal], annual: Decimal) -> list[Decimal]:
    """Annual planned amounts adding up to `annual` exactly, each within its project's total."""
    if not totals:
        if annual != 0:
            raise ValueError(f"no rows left to carry annual {annual}")
        return []
    for _ in range(200):
        weights = [t * Decimal(str(round(rng.uniform(0.5, 1.5), 3))) for t in totals]
        whole = sum(weights)
        parts = [floor_to(annual * w / whole, Decimal(10)) for w in weights[:-1]]
        parts.append(annual - sum(parts))
        if all(0 <= p <= t for p, t in zip(parts, totals, strict=True)):
            return parts
    raise ValueError(f"annual {annual} does not fit totals {sum(totals)}")
