from saima.audit.models import Source
from saima.ranking.services import create_scheme

CAPPED = [
    {"key": "start_or_resume_rate", "weight": "30", "rule": "capped", "cap": "120"},
    {"key": "target_planning", "weight": "20", "rule": "capped", "cap": "120"},
    {"key": "target_signed", "weight": "20", "rule": "capped", "cap": "120"},
    {"key": "target_landed", "weight": "15", "rule": "capped", "cap": "120"},
    {"key": "target_started", "weight": "15", "rule": "capped", "cap": "120"},
]


def scheme(w, indicators=None, leagues=None, actor=None):
    return create_scheme(
        w.city,
        2022,
        {
            "name": "2022年通化市赛马方案",
            "indicators": indicators or CAPPED,
            "leagues": leagues
            or [
                {"name": "城区组", "members": ["220502", "220503"]},
                {"name": "县（市）组", "members": ["220523"]},
            ],
        },
        actor or w.dispatcher,
        Source.WEB,
    )


def file(w, project, month, amount, progress="", year=2022):
    """An accepted filing of `amount` 万元 for the project in the month of 通化市's monthly
    schedule (set up on first use)."""
    from datetime import datetime
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from saima.dispatch import services
    from saima.dispatch.choices import FilingState
    from saima.dispatch.models import Filing, Period

    if not Period.objects.filter(region=w.city, year=year).exists():
        services.set_rhythm(w.city, year, "月报", w.dispatcher, Source.WEB)
    period = Period.objects.get(region=w.city, year=year, seq=month)
    when = datetime(year, month, 28, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    return Filing.objects.create(
        project=project,
        period=period,
        state=FilingState.ACCEPTED,
        amount_wan=Decimal(amount),
        progress=progress,
        first_submitted_at=when,
        submitted_at=when,
    )
