"""通化市 2022: the 220-project, 1023.5亿元 plan split over the city and its counties so that
every published county figure, the 80-project groundbreaking of 2022-02-28 and the 84 new
projects started by 2022-03-05 all hold. See docs/demo.md for the choices."""

from datetime import date
from decimal import Decimal

from .facts import groundbreaking, plan, yi_to_wan
from .groups import Group

NEW, CONT = "新建", "续建"
GB_DAY = (date(2022, 2, 28), date(2022, 2, 28))
# The four new projects started after the groundbreaking and by 2022-03-05.
EARLY_MARCH = (date(2022, 3, 1), date(2022, 3, 5))
W = Decimal

# Chosen where nothing was published (万元): the city-level projects, 东昌区's total, and the
# share of each county in the groundbreaking (total, annual); 梅河口市 takes what is left.
CITY_LEVEL_REST = (W(1500000), W(300000))
DONGCHANG_TOTAL = W(1400000)
GB_SHARE = {
    "220500": (W(100000), W(40000)),  # 金田大数据产业园项目 alone
    "220524": (W(220000), W(60000)),
    "220521": (W(360000), W(100000)),
    "220502": (W(90000), W(25000)),
    "220503": (W(200000), W(55000)),
}
EXTRA_SHARE = {"220524": (W(16000), W(6000)), "220503": (W(16000), W(6000))}


def tonghua_groups() -> list[Group]:
    city = plan("220500", 2022)
    spring = groundbreaking("220500", "春季")
    by_march5 = groundbreaking("220500", "累计")
    jian_gb = groundbreaking("220582", "集安")
    huinan_gb = groundbreaking("220523", "辉南")
    jian, liuhe = plan("220582", 2022), plan("220524", 2022)
    thx, huinan, edj = plan("220521", 2022), plan("220523", 2022), plan("220503", 2022)
    dongchang = plan("220502", 2022)

    gb = dict(GB_SHARE)
    gb["220582"] = (yi_to_wan(jian_gb["total_investment_yi"]), yi_to_wan(jian_gb["annual_plan_yi"]))
    gb["220523"] = (W(300000), yi_to_wan(huinan_gb["annual_plan_yi"]))
    gb["220581"] = (
        yi_to_wan(spring["total_investment_yi"]) - sum(t for t, _ in gb.values()),
        yi_to_wan(spring["annual_plan_yi"]) - sum(a for _, a in gb.values()),
    )
    extra = dict(EXTRA_SHARE)
    extra["220581"] = (
        yi_to_wan(by_march5["total_investment_yi"] - spring["total_investment_yi"])
        - sum(t for t, _ in extra.values()),
        yi_to_wan(by_march5["annual_plan_yi"] - spring["annual_plan_yi"])
        - sum(a for _, a in extra.values()),
    )

    def total(p):
        return yi_to_wan(p["total_investment_yi"])

    def annual(p):
        return yi_to_wan(p["annual_plan_yi"])

    meihekou_late = W(200000)

    groups = [
        # City-level projects: 金田 at the groundbreaking, and five large infrastructure works.
        Group("220500", 1, NEW, GB_DAY, *gb["220500"], named=("金田大数据产业园项目",)),
        Group(
            "220500", 5, CONT, (date(2022, 3, 10), date(2022, 4, 20)), *CITY_LEVEL_REST, low=100000
        ),
        # 集安市: 16 new (15 at the groundbreaking) + 17 continuing.
        Group(
            "220582",
            jian_gb["projects"],
            NEW,
            GB_DAY,
            *gb["220582"],
            named=("万源创新产业园建设项目",),
        ),
        Group("220582", 1, NEW, (date(2022, 4, 15), date(2022, 5, 20)), W(36000), W(12000)),
        Group(
            "220582",
            jian["continuing"],
            CONT,
            (date(2022, 3, 1), date(2022, 4, 30)),
            total(jian) - gb["220582"][0] - W(36000),
            annual(jian) - gb["220582"][1] - W(12000),
            named=("云峰电厂网3号发电机组改造项目",),
        ),
        # 柳河县: 9 new (8 at the groundbreaking, 1 by 03-05); 21 continuing resumed by 04-30
        # (30 started or resumed) and 3 more by 06-30 (33).
        Group("220524", 8, NEW, GB_DAY, *gb["220524"]),
        Group("220524", 1, NEW, EARLY_MARCH, *extra["220524"]),
        Group(
            "220524",
            21,
            CONT,
            (date(2022, 3, 1), date(2022, 4, 30)),
            total(liuhe) - gb["220524"][0] - extra["220524"][0] - W(60000),
            annual(liuhe) - gb["220524"][1] - extra["220524"][1] - W(20000),
            named=(
                "中溢（吉林）新材料科技有限公司年产10万吨大规格超高性能石墨电极项目",
                "柳河工业集中区大健康产业园区基础设施（标准厂房）建设项目",
            ),
        ),
        Group("220524", 3, CONT, (date(2022, 5, 5), date(2022, 6, 30)), W(60000), W(20000)),
        # 通化县: 11 new at the groundbreaking, 4 new later, 18 continuing.
        Group(
            "220521", 11, NEW, GB_DAY, *gb["220521"], named=("新材料科技产业园", "能繁母牛养殖园区")
        ),
        Group("220521", 4, NEW, (date(2022, 4, 1), date(2022, 6, 30)), W(120000), W(40000)),
        Group(
            "220521",
            18,
            CONT,
            (date(2022, 3, 10), date(2022, 4, 30)),
            total(thx) - gb["220521"][0] - W(120000),
            annual(thx) - gb["220521"][1] - W(40000),
            named=("安睿特重组人白蛋白生产基地一期工程项目",),
        ),
        # 辉南县: 16 new at the groundbreaking, 17 continuing, all 33 going by 03-30.
        Group(
            "220523",
            huinan_gb["projects"],
            NEW,
            GB_DAY,
            *gb["220523"],
            named=("市场大厦", "饮源蓝莓果深加工项目"),
        ),
        Group(
            "220523",
            17,
            CONT,
            (date(2022, 2, 10), date(2022, 3, 30)),
            total(huinan) - gb["220523"][0],
            annual(huinan) - gb["220523"][1],
            named=("利尔科技植物纤维及饲料生产项目", "爱琴海城市广场项目"),
        ),
        # 东昌区: 7 new + 18 continuing; only 2 new started by 03-05 (its 开工 count), 23 going
        # by 03-31 (the planned 92%).
        Group(
            "220502",
            2,
            NEW,
            GB_DAY,
            *gb["220502"],
            named=("医药文化创意孵化园基础设施", "夹皮砬子工业园标准化厂房"),
        ),
        Group(
            "220502",
            3,
            NEW,
            (date(2022, 3, 8), date(2022, 3, 31)),
            W(150000),
            W(45000),
            named=("医药特色产业园标准化厂房",),
        ),
        Group(
            "220502",
            dongchang["new"] - 5,
            NEW,
            (date(2022, 4, 15), date(2022, 6, 30)),
            W(80000),
            W(30000),
            named=("康养谷旅游产业创业园二期",),
        ),
        Group(
            "220502",
            dongchang["continuing"],
            CONT,
            (date(2022, 2, 15), date(2022, 3, 31)),
            DONGCHANG_TOTAL - gb["220502"][0] - W(150000) - W(80000),
            None,
            named=("洪福堂", "官道一品"),
        ),
        # 二道江区: 10 new at the groundbreaking, 1 by 03-05, 3 later, 14 continuing.
        Group("220503", 10, NEW, GB_DAY, *gb["220503"]),
        Group("220503", 1, NEW, EARLY_MARCH, *extra["220503"]),
        Group("220503", 3, NEW, (date(2022, 4, 1), date(2022, 7, 31)), W(60000), W(20000)),
        Group(
            "220503",
            edj["projects"] - 10 - 1 - 3,
            CONT,
            (date(2022, 3, 1), date(2022, 4, 30)),
            total(edj) - gb["220503"][0] - extra["220503"][0] - W(60000),
            None,
            named=(
                "通化鑫鸿年产300万吨环保新材料产业基地建设项目",
                "二道江区金属产业园标准化厂房建设项目",
                "首钢通化钢铁3号焦炉异地等量置换节能升级改造项目",
            ),
        ),
        # 梅河口市: the rest of the city's 220 projects and 1023.5亿元.
        Group("220581", 17, NEW, GB_DAY, *gb["220581"]),
        Group("220581", 2, NEW, EARLY_MARCH, *extra["220581"]),
        Group("220581", 4, NEW, (date(2022, 4, 1), date(2022, 8, 31)), meihekou_late, None),
    ]
    # 梅河口市's continuing projects complete the city's count and total.
    groups.append(
        Group(
            "220581",
            city["projects"] - sum(g.count for g in groups),
            CONT,
            (date(2022, 3, 1), date(2022, 4, 30)),
            total(city) - sum(g.total for g in groups),
            None,
        )
    )
    return groups
