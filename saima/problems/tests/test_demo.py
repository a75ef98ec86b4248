from saima.problems.choices import State
from saima.problems.demo import load_problems_demo
from saima.problems.models import Problem
from saima.projects.models import Project
from saima.regions.models import Region, RegionLevel


def test_the_demo_loads_once_with_problems_at_every_level_and_state(world):
    for code, name in [("220503", "二道江区"), ("220605", "江源区")]:
        parent = world.city if code.startswith("2205") else world.other_city
        Region.objects.create(code=code, name=name, level=RegionLevel.COUNTY, parent=parent)
    Project.objects.create(name="修元水项目", region_id="220605")
    load_problems_demo()
    count = Problem.objects.count()
    load_problems_demo()
    assert Problem.objects.count() == count == 9
    water = Problem.objects.get(project__name="修元水项目")
    assert water.state == State.CONFIRMED and "8000万元贷款" in water.resolution
    states = set(Problem.objects.values_list("state", flat=True))
    assert states == {State.OPEN, State.IN_PROGRESS, State.RESOLVED, State.CONFIRMED}
    assert Problem.objects.filter(level=2).exists()
    assert Problem.objects.filter(level=3, is_overdue=True).exists()
