import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from saima.dispatch import services
from saima.dispatch.choices import PeriodState
from saima.dispatch.models import Period
from saima.projects.models import AnnualPlan


def image_upload(name="site.jpg", fmt="JPEG", size=(2400, 1200), exif=None):
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (120, 160, 90)).save(out, fmt, **kwargs)
    types = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
    return SimpleUploadedFile(name, out.getvalue(), content_type=types[fmt])


@pytest.fixture
def plan(world, settings, tmp_path):
    """通化市 files monthly in 2022; two planned projects in its counties."""
    settings.MEDIA_ROOT = tmp_path / "media"
    AnnualPlan.objects.create(
        project=world.project, year=2022, nature="新建", annual_plan_wan=Decimal("10000")
    )
    AnnualPlan.objects.create(
        project=world.sibling_project, year=2022, nature="续建", annual_plan_wan=Decimal("2000")
    )
    services.set_rhythm(world.city, 2022, "月报", world.dispatcher, "web")
    return world


def period(world, month, year=2022, state=PeriodState.OPEN):
    p = Period.objects.get(region=world.city, year=year, seq=month)
    Period.objects.filter(pk=p.pk).update(state=state)
    p.refresh_from_db()
    return p


def at(y, m, d, hour=10):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(y, m, d, hour, tzinfo=ZoneInfo("Asia/Shanghai"))


__all__ = ["at", "date", "image_upload", "period"]
