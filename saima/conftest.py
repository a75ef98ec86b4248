"""Shared test fixtures: a small Tonghua world with named personas for every role.

world.admin             administrator (superuser)
world.dispatcher        city dispatcher of 通化市 (220500)
world.county_admin      county administrator of 东昌区 (220502)
world.other_admin       county administrator of 辉南县 (220523), a sibling county
world.secretary         secretary in 东昌区, assigned to world.project
world.leader            responsible leader of 通化市, holding world.project
world.officer           department officer of 东昌区发改局
world.viewer            viewer of 通化市
world.outsider          viewer of 白山市 (220600), another city
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from saima.accounts.models import Role, RoleGrant, User
from saima.projects.models import Project
from saima.regions.models import Department, Region, RegionLevel

PASSWORD = "test-pass-123"


def make_user(username, role=None, region=None, **extra):
    user = User.objects.create_user(username, password=PASSWORD, full_name=username, **extra)
    if role:
        RoleGrant.objects.create(user=user, role=role, region=region)
    return user


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    """The personas and projects of `world` (also built once per module by the permission
    matrix, which needs them outside a function-scoped database)."""
    w = SimpleNamespace()
    w.province = Region.objects.create(code="220000", name="吉林省", level=RegionLevel.PROVINCE)
    w.city = Region.objects.create(
        code="220500", name="通化市", level=RegionLevel.CITY, parent=w.province
    )
    w.county = Region.objects.create(
        code="220502", name="东昌区", level=RegionLevel.COUNTY, parent=w.city
    )
    w.sibling = Region.objects.create(
        code="220523", name="辉南县", level=RegionLevel.COUNTY, parent=w.city
    )
    w.other_city = Region.objects.create(
        code="220600", name="白山市", level=RegionLevel.CITY, parent=w.province
    )
    w.other_county = Region.objects.create(
        code="220602", name="浑江区", level=RegionLevel.COUNTY, parent=w.other_city
    )
    w.unit = Department.objects.create(region=w.county, name="东昌区发改局")

    w.admin = User.objects.create_superuser("admin", password=PASSWORD, full_name="管理员")
    w.dispatcher = make_user("dispatcher", Role.CITY_DISPATCHER, w.city)
    w.county_admin = make_user("county_admin", Role.COUNTY_ADMIN, w.county)
    w.other_admin = make_user("other_admin", Role.COUNTY_ADMIN, w.sibling)
    w.secretary = make_user("secretary", Role.SECRETARY, w.county)
    w.leader = make_user("leader", Role.LEADER, w.city)
    w.officer = make_user("officer", Role.DEPARTMENT, w.county, department=w.unit)
    w.viewer = make_user("viewer", Role.VIEWER, w.city)
    w.outsider = make_user("outsider", Role.VIEWER, w.other_city)
    w.unit.head = w.officer
    w.unit.save()

    w.project = Project.objects.create(
        name="医药文化创意孵化园基础设施",
        region=w.county,
        total_investment_wan=Decimal("52000"),
        nature="新建",
        leader=w.leader,
        secretary=w.secretary,
        department=w.unit,
    )
    w.sibling_project = Project.objects.create(
        name="市场大厦", region=w.sibling, total_investment_wan=Decimal("8000")
    )
    w.far_project = Project.objects.create(
        name="浑江区轻工产业园区", region=w.other_county, total_investment_wan=Decimal("30000")
    )
    return w


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_login_throttling(settings):
    """django-axes needs a request on every authenticate(); tests that exercise throttling
    turn it back on themselves."""
    settings.AXES_ENABLED = False


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need real concurrent transactions; the SQLite test database
    (in memory, shared cache) reports 'table is locked' instead of waiting."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
