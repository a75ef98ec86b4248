"""Published projects that are on no plan of the demo: finished before 2022, at an early
stage, or finished later (卡森, 2024). Their published stage and dates are kept."""

from datetime import date

from saima.projects.choices import Stage

from . import generate as gen
from .build import Draft
from .facts import named
from .groups import named_draft, pick_unit


def extra_drafts(demo) -> list[Draft]:
    rng = demo.rng
    drafts = []

    ice = named_draft(demo, "通化冰雪产业示范新城一期")
    done = named(ice.name)["completed"]
    ice.events = {
        Stage.STARTED: gen.day_between(rng, date(2020, 4, 1), date(2020, 6, 30)),
        Stage.COMPLETED: done,
        Stage.OPERATING: done,
    }
    drafts.append(ice)

    cells = named_draft(demo, "卡森（吉林）细胞资源库项目")
    done = named(cells.name)["completed"]
    cells.events = {
        Stage.STARTED: gen.day_between(rng, date(2023, 4, 1), date(2023, 6, 30)),
        Stage.COMPLETED: done,
        Stage.OPERATING: done,
    }
    drafts.append(cells)

    # Landed (落地) in 2022 after signing in 2021: counted in no published figure.
    for name in ("5G智能制车项目", "新春米纳米活性钙项目"):
        d = named_draft(demo, name)
        d.events = {
            Stage.SIGNED: gen.day_between(rng, date(2021, 8, 1), date(2021, 11, 30)),
            Stage.LANDED: gen.day_between(rng, date(2022, 1, 10), date(2022, 2, 20)),
        }
        drafts.append(d)

    for d in drafts:
        if not d.total:
            d.total = gen.random_amounts(rng, 1, 5000, 50000)[0]
        d.department = pick_unit(demo, d.region, d.category)
        if note := named(d.name).get("status_note"):
            d.notes[d.stage] = note
    return drafts
