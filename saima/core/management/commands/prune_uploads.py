from django.core.management.base import BaseCommand, CommandError

from saima.core.uploads import orphans, prune


class Command(BaseCommand):
    help = (
        "List uploaded files that no record points at (left by a process killed mid-upload); "
        "--delete removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=24,
            metavar="HOURS",
            help="only files last written more than this many hours ago (default 24)",
        )
        parser.add_argument("--delete", action="store_true", help="remove the files listed")

    def handle(self, *args, older_than, delete, **options):
        if older_than < 1:
            # A younger file may be an upload whose record is being committed right now.
            raise CommandError("--older-than: at least 1 hour")
        found = orphans(older_than)
        for orphan in found:
            self.stdout.write(f"{orphan.name}\t{orphan.size} bytes\t{orphan.age_hours:.0f} h")
        total = sum(o.size for o in found)
        if delete:
            prune(found)
            self.stdout.write(f"Removed {len(found)} files ({total} bytes) no record points at.")
        else:
            self.stdout.write(
                f"{len(found)} files ({total} bytes) no record points at; --delete removes them."
            )
