"""`saima ledger import FILE [--region CODE] [--year YYYY] [--dry-run] [--user NAME]` and
`saima ledger export --region CODE --year YYYY -o FILE.xlsx [--user NAME]`.

Without --user the command acts with full scope and the audit trail names "system"; with it,
the user's scope applies and the changes are recorded as theirs.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from saima.accounts.models import User
from saima.ledger.exporter import export_ledger
from saima.ledger.importer import import_ledger
from saima.projects.models import Project
from saima.regions.models import Region


class Command(BaseCommand):
    help = "Import or export the project ledger (台账) as Excel/CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a .xlsx or .csv ledger")
        imp.add_argument("file")
        imp.add_argument(
            "--region", help="region code: rows without a region go here; others must lie within it"
        )
        imp.add_argument("--year", type=int, help="year of the annual plan columns")
        imp.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
        imp.add_argument("--user", help="username to import as (scope and audit)")
        imp.add_argument("--no-progress", action="store_true")
        exp = sub.add_parser("export", help="export the ledger in the official layout")
        exp.add_argument("--region", required=True)
        exp.add_argument("--year", type=int, default=None)
        exp.add_argument("-o", "--output", required=True)
        exp.add_argument("--user", help="username whose scope limits the export")

    def handle(self, *args, **options):
        user = self._user(options.get("user"))
        region = self._region(options.get("region"))
        if options["action"] == "import":
            return self._import(options, user, region)
        return self._export(options, user, region)

    def _user(self, username):
        if not username:
            return None
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(_("没有用户“%(u)s”") % {"u": username}) from None

    def _region(self, code):
        if not code:
            return None
        try:
            return Region.objects.get(code=code)
        except Region.DoesNotExist:
            raise CommandError(_("未知的行政区划代码：%(c)s") % {"c": code}) from None

    def _import(self, options, user, region):
        bar = None

        def progress(done, total):
            nonlocal bar
            if options["no_progress"]:
                return
            if bar is None:
                bar = tqdm(total=total, unit=_("行"), desc=_("导入"), file=self.stderr._out)
            bar.update(done - bar.n)

        report = import_ledger(
            options["file"],
            user=user,
            region=region,
            year=options["year"],
            dry_run=options["dry_run"],
            progress=progress,
        )
        if bar is not None:
            bar.close()
        for text in report.warnings:
            self.stdout.write(_("提示：") + text)
        for text in report.errors:
            self.stderr.write(_("错误：") + text)
        prefix = _("预览（未改动数据）：") if options["dry_run"] else ""
        self.stdout.write(prefix + report.summary())
        if not report.ok:
            raise CommandError(_("文件有错误，没有导入任何数据"))
        if not options["dry_run"]:
            self.stdout.write(_("已导入。"))

    def _export(self, options, user, region):
        queryset = Project.objects.visible_to(user) if user else Project.objects.all()
        year = options["year"] or timezone.localdate().year
        count = export_ledger(queryset.within(region), options["output"], year=year, region=region)
        self.stdout.write(
            _("已导出%(n)s个项目到 %(path)s") % {"n": count, "path": options["output"]}
        )
