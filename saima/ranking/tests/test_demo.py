import pytest
from django.core.exceptions import ImproperlyConfigured

from saima.conftest import PASSWORD
from saima.ranking.demo import load_ranking_demo
from saima.ranking.models import Briefing, Publication, Scheme


def test_the_demo_publishes_tonghuas_march_ranking_and_briefing(client, tonghua):
    load_ranking_demo()
    load_ranking_demo()  # idempotent
    scheme = Scheme.objects.get(region="220500", year=2022)
    assert [lg.name for lg in scheme.leagues.all()] == ["城区组", "县（市）组"]
    assert list(Publication.objects.values_list("period", flat=True).order_by("period")) == [
        "2022-02",
        "2022-03",
    ]
    assert Briefing.objects.filter(period="2022-03", region="220500").count() == 1
    assert client.login(username="county_admin", password=PASSWORD)
    for url in ("/ranking/220502/?period=2022-03", "/ranking/220502/briefing/?period=2022-03"):
        page = client.get(url).content.decode()
        for rate in ("112.5%", "75%", "60%", "66.7%"):
            assert rate in page, (url, rate)
    assert client.login(username="dispatcher", password=PASSWORD)
    page = client.get("/ranking/220500/ranking/?period=2022-03").content.decode()
    assert "112.5%" in page and "66.7%" in page and "第1次发布" in page


def test_the_demo_needs_the_ledger_demo_first(db):
    with pytest.raises(ImproperlyConfigured, match="台账演示数据"):
        load_ranking_demo()
