from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError

from saima.audit.models import Source
from saima.ranking import document
from saima.ranking.briefing import content_for
from saima.ranking.periods import Period
from saima.ranking.services import publish_briefing
from saima.regions.models import Region


class Command(BaseCommand):
    help = "Write a region's briefing (简报) for a period as .docx; --publish freezes it first."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="区划代码，如 220500")
        parser.add_argument("--period", required=True, help="2022-03、2022-Q1、2022、2022-W10")
        parser.add_argument("-o", "--output", required=True, help="输出文件 FILE.docx")
        parser.add_argument("--publish", action="store_true", help="发布（冻结）本期简报")

    def handle(self, *args, region, period, output, publish, **options):
        found = Region.objects.filter(code=region).first()
        if found is None:
            raise CommandError(f"未知区划代码：{region}")
        try:
            parsed = Period.parse(period)
            if publish:
                publish_briefing(found, parsed, None, Source.COMMAND)
            content, published = content_for(found, parsed)
            data = document.render(content)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        Path(output).write_bytes(data)
        state = f"已发布版本{published.version}" if published else "未发布预览"
        self.stdout.write(f"{content['title']} 第{content['issue']}期（{state}）→ {output}")
        for section in content["sections"][:1]:
            for sentence in section["paragraphs"]:
                self.stdout.write(sentence)
