from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from saima.core.numbers import api_decimal
from saima.figures.indicators import INDICATORS

from ..models import Rule, Scheme, UnitKind


class IndicatorSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=list(INDICATORS))
    label = serializers.CharField(read_only=True)
    weight = serializers.DecimalField(max_digits=12, decimal_places=4, min_value=0)
    rule = serializers.ChoiceField(choices=Rule.choices, default=Rule.CAPPED)
    cap = serializers.DecimalField(
        max_digits=12, decimal_places=4, min_value=0, allow_null=True, required=False
    )


class LeagueSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    unit_kind = serializers.ChoiceField(choices=UnitKind.choices, default=UnitKind.REGION)
    members = serializers.ListField(child=serializers.CharField(), help_text="区划代码（或部门ID）")


class SchemeSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True)
    indicators = serializers.SerializerMethodField()
    leagues = serializers.SerializerMethodField()

    class Meta:
        model = Scheme
        fields = [
            "id",
            "region",
            "year",
            "version",
            "name",
            "note",
            "published_at",
            "indicators",
            "leagues",
        ]

    def get_indicators(self, scheme) -> list[dict]:
        return [
            {
                "key": i.key,
                "label": str(INDICATORS[i.key].label) if i.key in INDICATORS else i.key,
                "weight": api_decimal(i.weight),
                "rule": i.rule,
                "cap": api_decimal(i.cap),
            }
            for i in scheme.indicators.all()
        ]

    def get_leagues(self, scheme) -> list[dict]:
        return [
            {
                "name": league.name,
                "unit_kind": league.unit_kind,
                "members": [str(m.region_id or m.department_id) for m in league.members.all()],
            }
            for league in scheme.leagues.all()
        ]


class SchemeWriteSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="方案所属区划代码（新建时必填）", required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    name = serializers.CharField(max_length=100, required=False)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    indicators = IndicatorSerializer(many=True, required=False)
    leagues = LeagueSerializer(many=True, required=False)


@extend_schema_serializer(component_name="RankingPeriod")
class PeriodSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="区划代码，如 220500")
    period = serializers.CharField(
        help_text="2022-03（月）、2022-Q1（季）、2022（年）、2022-W10（周）"
    )


class RankingRowSerializer(serializers.Serializer):
    league = serializers.CharField()
    unit = serializers.CharField()
    region = serializers.CharField(allow_null=True)
    values = serializers.DictField(child=serializers.CharField(allow_null=True))
    points = serializers.DictField(child=serializers.CharField())
    total = serializers.CharField()
    rank = serializers.IntegerField()
    previous_rank = serializers.IntegerField(allow_null=True)
    change = serializers.CharField(help_text="↑2、↓1、—（持平）或 新")


class RankingSerializer(serializers.Serializer):
    region = serializers.CharField()
    period = serializers.CharField()
    as_of = serializers.DateField()
    scheme = serializers.IntegerField()
    scheme_version = serializers.IntegerField()
    publication = serializers.IntegerField(allow_null=True, help_text="发布序号；未发布为null")
    rows = RankingRowSerializer(many=True)


def ranking_data(ranking) -> dict:
    return {
        "region": ranking.scheme.region_id,
        "period": str(ranking.period),
        "as_of": ranking.period.end,
        "scheme": ranking.scheme.pk,
        "scheme_version": ranking.scheme.version,
        "publication": ranking.publication.number if ranking.publication else None,
        "rows": [
            {
                "league": row.league,
                "unit": row.unit_name,
                "region": row.region_code,
                "values": {k: api_decimal(v) for k, v in row.values.items()},
                "points": {k: api_decimal(v) for k, v in row.points.items()},
                "total": api_decimal(row.total),
                "rank": row.rank,
                "previous_rank": row.previous_rank,
                "change": row.change,
            }
            for _league, rows in ranking.leagues
            for row in rows
        ],
    }


class BriefingSerializer(serializers.Serializer):
    published = serializers.BooleanField()
    version = serializers.IntegerField(allow_null=True)
    content = serializers.JSONField(help_text="标题、期号、各部分段落与表格、冻结的数据")
