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
