"""Demo step: one person for every role, with simple passwords printed by `saima demo`."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from saima.accounts.models import Role, RoleGrant, User
from saima.regions.models import Department

PASSWORD = "saima2022"


@dataclass(frozen=True)
class Login:
    username: str
    full_name: str
    role: str
    region: str
    unit: str = ""


DEMO_USERS = [
    Login("admin", "系统管理员", Role.ADMIN, "220000"),
    Login("dispatcher", "王调度", Role.CITY_DISPATCHER, "220500"),
    Login("baishan", "赵调度", Role.CITY_DISPATCHER, "220600"),
    Login("dongchang", "李东昌", Role.COUNTY_ADMIN, "220502"),
    Login("huinan", "张辉南", Role.COUNTY_ADMIN, "220523"),
    Login("secretary", "刘秘书", Role.SECRETARY, "220502"),
    Login("leader", "陈副区长", Role.LEADER, "220502"),
    Login("officer", "孙科长", Role.DEPARTMENT, "220502", unit="东昌区发展和改革局"),
    Login("viewer", "周查看", Role.VIEWER, "220000"),
]

# 靖宇县 reserve projects are held by county leaders (副县长以上); they do not sign in.
JINGYU_LEADERS = [
    ("jingyu_leader1", "吴县长"),
    ("jingyu_leader2", "郑副县长"),
    ("jingyu_leader3", "冯副县长"),
]


def load_people(demo) -> str:
    existing = set(User.objects.values_list("username", flat=True))
    # One hash for the shared demo password: hashing is deliberately slow.
    missing = [u.username for u in DEMO_USERS if u.username not in existing]
    hashed = make_password(PASSWORD) if missing else ""
    created = 0
    for login in DEMO_USERS:
        if login.username in existing:
            continue
        unit = Department.objects.get(name=login.unit) if login.unit else None
        admin = login.role == Role.ADMIN
        user = User.objects.create(
            username=login.username,
            full_name=login.full_name,
            password=hashed,
            department=unit,
            is_staff=admin,
            is_superuser=admin,
        )
        RoleGrant.objects.create(user=user, role=login.role, region_id=login.region)
        if unit is not None and unit.head_id is None:
            unit.head = user
            unit.save(update_fields=["head"])
        created += 1
    for username, name in JINGYU_LEADERS:
        if username not in existing:
            user = User.objects.create(
                username=username, full_name=name, password=make_password(None)
            )
            RoleGrant.objects.create(user=user, role=Role.LEADER, region_id="220622")
            created += 1
    demo.users = {u.username: u for u in User.objects.all()}
    demo.actor = demo.users.get("admin")
    return f"{created} people"


def logins() -> list[tuple[Login, bool]]:
    """The demo logins, each with whether the account exists here."""
    present = set(
        User.objects.filter(username__in=[u.username for u in DEMO_USERS]).values_list(
            "username", flat=True
        )
    )
    return [(login, login.username in present) for login in DEMO_USERS]
