"""Demo step: Tonghua's 2022 horse-race scheme with two leagues, the February and March 2022
rankings published, and the March briefing. Runs after the ledger demo (regions, plans,
stage history and targets from ../shared/demo/facts.yaml); idempotent."""

from django.core.exceptions import ImproperlyConfigured

from saima.accounts.models import Role, RoleGrant
from saima.audit.models import Source
from saima.regions.models import Region

from .models import Briefing, Publication, Scheme
from .periods import Period
from .services import create_scheme, publish_briefing, publish_ranking

CITY = "220500"
DISTRICTS = ["220502", "220503"]  # 东昌区, 二道江区
COUNTIES = ["220521", "220523", "220524", "220581", "220582"]
YEAR = 2022
CAP = "120"
SCHEME = {
    "name": "2022年通化市重点项目“赛马”考评方案",
    "note": "按开复工率和招商引资四个阶段目标完成率计分，完成率120%封顶",
    "indicators": [
        {"key": "start_or_resume_rate", "weight": "30", "rule": "capped", "cap": CAP},
        {"key": "target_planning", "weight": "20", "rule": "capped", "cap": CAP},
        {"key": "target_signed", "weight": "20", "rule": "capped", "cap": CAP},
        {"key": "target_landed", "weight": "15", "rule": "capped", "cap": CAP},
        {"key": "target_started", "weight": "15", "rule": "capped", "cap": CAP},
    ],
    "leagues": [
        {"name": "城区组", "unit_kind": "region", "members": DISTRICTS},
        {"name": "县（市）组", "unit_kind": "region", "members": COUNTIES},
    ],
}


def _dispatcher(city):
    grant = (
        RoleGrant.objects.filter(role=Role.CITY_DISPATCHER, region=city)
        .select_related("user")
        .first()
    )
    return grant.user if grant else None


def load_ranking_demo(demo=None) -> str:
    city = Region.objects.filter(code=CITY).first()
    if city is None:
        raise ImproperlyConfigured("赛马演示数据需要先载入台账演示数据（通化市 220500）")
    codes = DISTRICTS + COUNTIES
    present = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    leagues = [
        {**league, "members": [c for c in league["members"] if c in present]}
        for league in SCHEME["leagues"]
    ]
    actor = _dispatcher(city)
    if not Scheme.objects.filter(region=city, year=YEAR).exists():
        create_scheme(city, YEAR, {**SCHEME, "leagues": leagues}, actor, Source.COMMAND)
    for text in ("2022-02", "2022-03"):
        period = Period.parse(text)
        if not Publication.objects.filter(region=city, period=text).exists():
            publish_ranking(city, period, actor, Source.COMMAND)
    march = Period.parse("2022-03")
    for code in [CITY, *codes]:
        region = Region.objects.filter(code=code).first()
        if region and not Briefing.objects.filter(region=region, period=str(march)).exists():
            publish_briefing(region, march, actor, Source.COMMAND)
    return "赛马方案、2022年2月和3月排名、3月简报已载入"
