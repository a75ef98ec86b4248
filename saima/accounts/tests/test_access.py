from saima.accounts.access import can, visible_regions
from saima.projects.models import Project


def visible(user):
    return set(Project.objects.visible_to(user).values_list("name", flat=True))


def test_scope_covers_the_region_and_below(world):
    assert visible(world.admin) == {"医药文化创意孵化园基础设施", "市场大厦", "浑江区轻工产业园区"}
    assert visible(world.dispatcher) == {"医药文化创意孵化园基础设施", "市场大厦"}
    assert visible(world.county_admin) == {"医药文化创意孵化园基础设施"}
    assert visible(world.other_admin) == {"市场大厦"}
    assert visible(world.outsider) == {"浑江区轻工产业园区"}


def test_secretary_and_leader_also_see_assigned_projects(world):
    world.far_project.secretary = world.secretary
    world.far_project.save()
    assert "浑江区轻工产业园区" in visible(world.secretary)
    assert "浑江区轻工产业园区" not in visible(world.county_admin)


def test_actions_follow_roles(world):
    assert can(world.county_admin, "change_project", world.project)
    assert not can(world.county_admin, "change_project", world.sibling_project)
    assert not can(world.viewer, "change_project", world.project)
    assert not can(world.secretary, "change_project", world.project)
    assert can(world.secretary, "add_stage", world.project)
    assert not can(world.secretary, "add_stage", world.sibling_project)
    assert can(world.dispatcher, "manage_target", region=world.county)
    assert not can(world.county_admin, "manage_target", region=world.county)


def test_visible_regions(world):
    assert set(visible_regions(world.county_admin).values_list("code", flat=True)) == {"220502"}
    assert "220523" in set(visible_regions(world.dispatcher).values_list("code", flat=True))
