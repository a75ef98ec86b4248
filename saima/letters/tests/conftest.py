from datetime import date

import pytest
from django.utils import timezone


class Clock:
    """A settable "today" for services and jobs (which ask timezone.localdate())."""

    def __init__(self, monkeypatch, day):
        self.day = day
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: self.day)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, date(2022, 9, 29))


@pytest.fixture
def land(db):
    from saima.problems.models import Category

    return Category.objects.get(name="用地")


@pytest.fixture
def raise_land(world, clock, land):
    from saima.audit.models import Source
    from saima.problems.services import raise_problem

    def make(actor=None, **extra):
        data = {"category": land, "description": "项目用地指标未落实，影响开工", **extra}
        return raise_problem(world.project, data, actor or world.secretary, Source.WEB)

    return make


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
