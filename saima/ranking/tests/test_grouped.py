from datetime import date

import pytest

from saima.figures.grouped import grouped_ledger_figures
from saima.figures.ledger import ledger_figures
from saima.projects.models import Target
from saima.regions.models import Region, RegionLevel


@pytest.mark.parametrize("as_of", [date(2022, 2, 28), date(2022, 3, 5), date(2022, 12, 31)])
def test_grouped_figures_equal_the_per_region_definition(tonghua, as_of):
    town = Region.objects.create(
        code="220502001000", name="某街道", level=RegionLevel.TOWN, parent=tonghua.county
    )
    Target.objects.create(region=town, year=2022, stage="竣工", count=4)
    Target.objects.create(region=tonghua.city, year=2022, stage="签约", count=30)
    regions = list(Region.objects.exclude(level=RegionLevel.TOWN))
    grouped = grouped_ledger_figures(regions, 2022, as_of)
    for region in regions:
        assert grouped[region.code] == ledger_figures(region, 2022, as_of), region
