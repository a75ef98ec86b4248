"""Demo step: the GB/T 2260 regions of facts.yaml and a few responsible units per region."""

from saima.regions.models import Department, Region

from .facts import facts

# Responsible units (责任单位) of every county and city; a county-level 市 or 区 uses its own
# name as the prefix (集安市发展和改革局, 东昌区住房和城乡建设局 …).
COUNTY_UNITS = ["发展和改革局", "工业和信息化局", "住房和城乡建设局", "自然资源局", "商务局"]
CITY_UNITS = ["发展和改革委员会", "重大项目建设服务中心", "交通运输局"]
# Named in facts.yaml (抚松经济开发区 holds 23 of 抚松县's key projects).
EXTRA_UNITS = {"220621": ["抚松经济开发区管理委员会"]}


def load_regions(demo) -> str:
    rows = facts()["regions"]
    Region.objects.bulk_create(
        [
            Region(code=r["code"], name=r["name"], level=r["level"], parent_id=r.get("parent"))
            for r in rows
        ],
        ignore_conflicts=True,
    )
    return f"{len(rows)} regions"


def load_departments(demo) -> str:
    wanted = []
    for region in Region.objects.filter(level__in=["city", "county"]):
        units = CITY_UNITS if region.level == "city" else COUNTY_UNITS
        names = [region.name + unit for unit in units] + EXTRA_UNITS.get(region.code, [])
        wanted += [Department(region=region, name=name) for name in names]
    Department.objects.bulk_create(wanted, ignore_conflicts=True)
    return f"{len(wanted)} responsible units"
