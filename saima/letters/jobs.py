"""Letters in bulk, in the worker."""

from datetime import date

from django.utils.translation import gettext as _

from saima.accounts.models import User
from saima.audit.models import Source
from saima.notifications.services import notify
from saima.regions.models import Region

from .services import issue_for_lagging


def issue_bulk(region_code: str, actor_id: int, kind: str, as_of: str) -> dict:
    """Issue letters to every lagging county under a region; idempotent because a letter per
    region, kind and period is unique (a second run skips those already issued)."""
    actor = User.objects.get(pk=actor_id)
    region = Region.objects.get(code=region_code)
    issued, skipped = issue_for_lagging(region, actor, Source.JOB, kind, date.fromisoformat(as_of))
    notify(
        [actor],
        _("批量发函完成：发出%(n)s份，跳过%(m)s个") % {"n": len(issued), "m": len(skipped)},
        "\n".join(f"{name}：{why}" for name, why in skipped),
        "/letters/",
    )
    return {"issued": [letter.reference for letter in issued], "skipped": skipped}


def ensure_schedules() -> None:
    """Letters are issued on request; nothing is scheduled."""
