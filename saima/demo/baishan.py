"""白山市 2022: 230 projects of 5000万元 and above started or resumed by 2022-10-15, 209 key
projects of 抚松县 (any size) started or resumed by the same day, and 23 of 抚松's projects
in 抚松经济开发区 totalling 341.8亿元."""

from datetime import date
from decimal import Decimal

from .facts import plan, progress, yi_to_wan
from .groups import Group

NEW, CONT = "新建", "续建"
AS_OF = date(2022, 10, 15)
AFTER = (date(2022, 10, 20), date(2022, 11, 30))  # started after the 10-15 count
SMALL = {"low": 500, "high": 4900}  # key projects under 5000万元 (抚松 counts them)
DEVZONE = "抚松经济开发区"
DEVZONE_UNIT = "抚松经济开发区管理委员会"
DEVZONE_NEW_WAN = 1418000

# Other counties: (code, new started by 10-15, continuing, named new, named continuing);
# each also has two new projects that start after 10-15.
COUNTIES = [
    (
        "220602",
        14,
        20,
        ("浑江区轻工产业园区",),
        ("明泉药业功能性食品及中药配方颗粒、中药饮片研发生产项目",),
    ),
    (
        "220605",
        12,
        18,
        (),
        ("修元水项目", "众品源年产2000吨甜糯玉米项目", "绿能新能源垃圾焚烧发电项目"),
    ),
    ("220622", 10, 16, (), ()),
    ("220623", 12, 16, (), ("国道丹阿线三道沟至插草段公路改造提升项目",)),
    (
        "220681",
        16,
        24,
        (
            "农夫山泉临江公司年产119万吨天然饮用水生产线建设项目",
            "光华中学异地新建项目",
            "鸭绿江城区段生态修复项目",
        ),
        ("万顺博鞋业年产300万双旅游鞋建设项目", "万顺博体育用品有限公司年产50万套冲浪板建设项目"),
    ),
]


def baishan_groups() -> list[Group]:
    devzone = plan("220621", 2022)
    devzone_total = yi_to_wan(devzone["total_investment_yi"])
    started_fusong = progress("220621", AS_OF, "started_or_resumed")["started_or_resumed"]
    zone = {"location": DEVZONE, "department": DEVZONE_UNIT}
    fusong = [
        # 抚松经济开发区: 23 projects (10 new, 13 continuing), all of 5000万元 and above.
        Group(
            "220621",
            10,
            NEW,
            (date(2022, 3, 15), date(2022, 9, 30)),
            Decimal(DEVZONE_NEW_WAN),
            **zone,
        ),
        Group(
            "220621",
            devzone["projects"] - 10,
            CONT,
            (date(2022, 3, 1), date(2022, 5, 31)),
            devzone_total - DEVZONE_NEW_WAN,
            **zone,
        ),
        # The rest of 抚松: 52 more of 5000万元+ (49 going by 10-15) ...
        Group(
            "220621",
            22,
            NEW,
            (date(2022, 4, 1), date(2022, 10, 10)),
            named=("松江河镇高铁新城旅游接待区（一期）项目",),
        ),
        Group("220621", 3, NEW, AFTER),
        Group("220621", 27, CONT, (date(2022, 3, 1), date(2022, 6, 30))),
        # ... and smaller key projects (500万–5000万元): 137 going by 10-15, 8 later.
        Group("220621", 60, NEW, (date(2022, 4, 1), date(2022, 10, 14)), **SMALL),
        Group("220621", 8, NEW, (date(2022, 10, 17), date(2022, 12, 20)), **SMALL),
    ]
    going = 10 + (devzone["projects"] - 10) + 22 + 27 + 60
    fusong.append(
        Group(
            "220621", started_fusong - going, CONT, (date(2022, 3, 1), date(2022, 9, 30)), **SMALL
        )
    )

    others = []
    for code, new, cont, named_new, named_cont in COUNTIES:
        others += [
            Group(code, new, NEW, (date(2022, 3, 20), date(2022, 10, 12)), named=named_new),
            Group(code, 2, NEW, AFTER),
            Group(code, cont, CONT, (date(2022, 3, 1), date(2022, 6, 30)), named=named_cont),
        ]
    return fusong + others
