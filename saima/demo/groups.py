"""A group of plan projects that share a region, a year's nature and a start (or resume)
window, and whose amounts add up to a published or chosen total. Published named projects
take their place in a group; generated projects fill the rest."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from saima.projects.choices import Category, ConstructionNature, Stage, YearNature

from . import generate as gen
from .build import Draft
from .facts import named, yi_to_wan

TEN = Decimal(10)


@dataclass
class Group:
    region: str
    count: int
    nature: str  # 新建 or 续建 on the year's plan
    window: tuple[date, date]  # when new projects start / continuing projects resume
    total: Decimal | None = None  # exact sum of total investment; None: random amounts
    annual: Decimal | None = None  # exact sum of annual planned investment; None: a share
    named: tuple[str, ...] = ()
    low: int = 5000
    high: int = 80000
    year: int = 2022
    location: str = ""
    department: str = ""


def pre_stages(demo, d: Draft, before: date) -> None:
    """谋划 → 签约 → 落地 in the year before `before` (infrastructure skips 签约/落地)."""
    rng, y = demo.rng, before.year - 1
    if rng.random() < 0.85:
        d.events[Stage.PLANNING] = gen.day_between(rng, date(y, 2, 1), date(y, 5, 31))
    if d.category == Category.INDUSTRY:
        d.events[Stage.SIGNED] = gen.day_between(rng, date(y, 6, 1), date(y, 9, 30))
        if rng.random() < 0.8:
            d.events[Stage.LANDED] = gen.day_between(rng, date(y, 10, 1), date(y, 12, 20))


def fill_generated(demo, d: Draft, registered: date) -> None:
    """Owner, code, channels and the other fields of a generated project."""
    rng = demo.rng
    place = demo.regions[d.region].name
    d.name, d.industry = gen.project_name(rng, place, d.category, demo.names)
    d.owner_name, d.owner_uscc = gen.owner(rng, place, d.region)
    d.code = gen.project_code(rng, d.region, registered, demo.codes)
    d.nature = rng.choices(
        [ConstructionNature.NEW, ConstructionNature.EXPANSION, ConstructionNature.RENOVATION],
        weights=[70, 15, 15],
    )[0]
    d.plan_level = rng.choices(["省", "市", "县"], weights=[15, 45, 40])[0]
    if d.category == Category.INDUSTRY:
        d.land_mu = Decimal(rng.randrange(20, 600))
    d.channels = rng.sample(gen.CHANNELS_BY_CATEGORY[d.category], k=rng.choice([1, 2]))


def named_draft(demo, name: str) -> Draft:
    """A published project with the fields the press gave; the rest stays blank."""
    f = named(name)
    d = Draft(name=name, region=f["region"], is_generated=False)
    demo.names.add(name)
    d.category = f.get("category", Category.INDUSTRY)
    d.content = f.get("content", "")
    d.location = f.get("location", "")
    d.owner_name = f.get("owner", "")
    if "total_investment_yi" in f:
        d.total = yi_to_wan(f["total_investment_yi"])
    if "land_mu" in f:
        d.land_mu = Decimal(str(f["land_mu"]))
    if "land_ha" in f:
        d.land_mu = Decimal(str(f["land_ha"])) * 15  # 1 公顷 = 15 亩
    if f.get("nature") == YearNature.NEW:
        d.nature = ConstructionNature.NEW
    return d


# Which units usually answer for a category of project.
UNIT_FOR = {
    Category.INDUSTRY: (
        "工业和信息化局",
        "商务局",
        "发展和改革局",
        "发展和改革委员会",
        "重大项目建设服务中心",
    ),
    Category.INFRASTRUCTURE: ("住房和城乡建设局", "交通运输局", "发展和改革委员会"),
    Category.SOCIAL: ("发展和改革局", "住房和城乡建设局", "发展和改革委员会"),
    Category.ECOLOGY: ("自然资源局", "发展和改革局", "发展和改革委员会"),
}


def departments_of(demo, region: str) -> list:
    return demo.departments.get(region) or demo.departments[region[:4] + "00"]


def pick_unit(demo, region: str, category: str):
    units = departments_of(demo, region)
    fitting = [u for u in units if u.name.endswith(UNIT_FOR.get(category, ()))]
    return demo.rng.choice(fitting or units)


def build_group(demo, g: Group) -> list[Draft]:
    rng = demo.rng
    drafts = [named_draft(demo, n) for n in g.named]
    fixed = [d for d in drafts if d.total]
    slots = [d for d in drafts if not d.total]
    for _ in range(g.count - len(drafts)):
        d = Draft(name="", region=g.region, category=gen.pick_category(rng))
        drafts.append(d)
        slots.append(d)
    if g.total is not None:
        amounts = gen.split(rng, g.total - sum(d.total for d in fixed), len(slots), Decimal(g.low))
    else:
        amounts = gen.random_amounts(rng, len(slots), g.low, g.high)
    for d, amount in zip(slots, amounts, strict=True):
        d.total = amount

    totals = [d.total for d in drafts]
    if g.annual is not None:
        annuals = gen.annual_split(rng, totals, g.annual)
    else:
        annuals = [gen.floor_to(t * Decimal(str(rng.uniform(0.2, 0.45))), TEN) for t in totals]

    for d, annual in zip(drafts, annuals, strict=True):
        facts = named(d.name) if not d.is_generated else {}
        when = gen.day_between(rng, *g.window)
        if g.nature == YearNature.NEW:
            started = facts.get("started", when)
            pre_stages(demo, d, started)
            d.events[Stage.STARTED] = started
            d.plans[g.year] = (YearNature.NEW, annual, None)
            registered = gen.day_between(rng, date(started.year - 1, 3, 1), started)
        else:
            started = facts.get("started") or gen.day_between(
                rng, date(g.year - 3, 4, 1), date(g.year - 1, 10, 31)
            )
            pre_stages(demo, d, started)
            d.events[Stage.STARTED] = started
            resumed = facts.get("resumed", when)
            d.plans[g.year] = (YearNature.CONTINUING, annual, resumed)
            registered = gen.day_between(rng, date(started.year - 1, 3, 1), started)
            if d.is_generated:
                finish_some(demo, d, resumed, g.year)
        if d.is_generated:
            fill_generated(demo, d, registered)
        d.location = d.location or g.location
        d.department = demo.units.get(g.department) or pick_unit(demo, g.region, d.category)
        if facts.get("status_note"):
            d.notes[d.stage] = facts["status_note"]
    return drafts


def finish_some(demo, d: Draft, resumed: date, year: int) -> None:
    """Some continuing projects are completed late in the year, and some factories produce."""
    rng = demo.rng
    if rng.random() < 0.15:
        done = gen.day_between(rng, max(resumed, date(year, 10, 1)), date(year, 12, 25))
        d.events[Stage.COMPLETED] = min(done, demo.today)
        if d.category == Category.INDUSTRY and rng.random() < 0.5:
            d.events[Stage.OPERATING] = d.events[Stage.COMPLETED]
