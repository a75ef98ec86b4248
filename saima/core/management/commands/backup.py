from pathlib import Path

from django.core.management.base import BaseCommand

from saima.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="where to write the backup (.tar.gz)")

    def handle(self, *args, file, **options):
        manifest = backup(file)
        self.stdout.write(
            f"Backed up {manifest['objects']} records and {manifest['files']} files to {file}"
        )
