from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saima.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and uploaded files with those of a backup made by `saima backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the backup file (.tar.gz)")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        if not yes:
            answer = input("This replaces ALL current data. Type 'yes' to continue: ")
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {manifest['objects']} records and {manifest['files']} files "
            f"from a backup made {manifest['created']}"
        )
