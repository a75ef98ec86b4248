from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from saima.audit.models import Source
from saima.ranking.periods import Period
from saima.ranking.scoring import ranking_for, row_cells
from saima.ranking.services import publish_ranking
from saima.regions.models import Region


class Command(BaseCommand):
    help = "Show (or --publish) a region's horse-race ranking for a period, e.g. 2022-03."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="区划代码，如 220500")
        parser.add_argument("--period", required=True, help="2022-03、2022-Q1、2022、2022-W10")
        parser.add_argument("--publish", action="store_true", help="发布（冻结）本期排名")

    def handle(self, *args, region, period, publish, **options):
        found = Region.objects.filter(code=region).first()
        if found is None:
            raise CommandError(f"未知区划代码：{region}")
        try:
            parsed = Period.parse(period)
            if publish:
                publication = publish_ranking(found, parsed, None, Source.COMMAND)
                self.stdout.write(
                    f"已发布 {found} {parsed.label} 排名，第{publication.number}次发布"
                )
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        ranking = ranking_for(found, parsed)
        if ranking is None:
            raise CommandError(f"{found}尚无{parsed.year}年度赛马方案")
        state = (
            f"第{ranking.publication.number}次发布" if ranking.publication else "未发布（实时计算）"
        )
        self.stdout.write(f"{found} {parsed.label} 赛马排名 · {ranking.scheme} · {state}")
        header = ["名次", "单位"] + [c["label"] for c in ranking.columns()] + ["总分", "变化"]
        for league, rows in ranking.leagues:
            self.stdout.write(f"\n【{league}】")
            self.stdout.write("\t".join(header))
            for row in rows:
                self.stdout.write("\t".join(row_cells(ranking, row)))
