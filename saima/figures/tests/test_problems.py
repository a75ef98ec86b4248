from datetime import date
from decimal import Decimal

from django.utils import timezone

from saima.audit.models import Source
from saima.figures.problems import problem_figures
from saima.problems import services
from saima.problems.jobs import escalate_due
from saima.problems.models import Category


def test_it_counts_raised_resolved_on_time_overdue_and_working_days(world, monkeypatch):
    today = {"day": date(2022, 9, 29)}
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today["day"])
    land, money = Category.objects.get(name="用地"), Category.objects.get(name="资金")

    def raise_(category, text):
        data = {"category": category, "description": text}
        return services.raise_problem(world.project, data, world.secretary, Source.WEB)

    quick, late = raise_(land, "用地"), raise_(money, "资金")
    raise_(land, "用地二")  # left open: overdue
    today["day"] = date(2022, 10, 10)  # 4 working days: 9-30, 10-8, 10-9, 10-10
    services.resolve(quick, "已解决", world.officer, Source.WEB)
    today["day"] = date(2022, 10, 12)
    escalate_due()  # late and stuck climb to level 2
    services.resolve(late, "领导协调解决", world.leader, Source.WEB)
    figures = problem_figures(world.city, date(2022, 1, 1), date(2022, 12, 31), date(2022, 12, 1))
    total = figures.total
    assert (total.raised, total.resolved, total.resolved_on_time, total.overdue) == (3, 2, 1, 1)
    # quick: 4 working days; late: 9-30, 10-8, 10-9, 10-10, 10-11, 10-12 = 6
    assert total.average_days_to_resolve == Decimal(5)
    assert [(r.label, r.raised) for r in figures.by_region] == [("东昌区", 3)]
    assert [(r.label, r.raised) for r in figures.by_unit] == [("东昌区发改局", 3)]
    assert [(r.label, r.raised, r.resolved) for r in figures.by_level] == [
        ("第1级", 1, 1),
        ("第2级", 2, 1),
    ]
