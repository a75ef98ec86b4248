"""`saima user add USERNAME --role ROLE --region CODE [--password P] [--name 姓名]` and
`saima user grant USERNAME --role ROLE --region CODE`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from saima.accounts.models import Role, User
from saima.accounts.users import add_user, grant_role


def _message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Add people and grant them roles on regions."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="create a user with one role grant")
        add.add_argument("username")
        add.add_argument("--password", help="without it the account cannot sign in yet")
        add.add_argument("--name", default="", help="the person's name (姓名)")
        grant = sub.add_parser("grant", help="grant an existing user another role")
        grant.add_argument("username")
        for p in (add, grant):
            p.add_argument("--role", required=True, help=", ".join(Role.values))
            p.add_argument("--region", required=True, help="GB/T 2260 region code, e.g. 220502")

    def handle(self, *args, action, username, role, region, **options):
        try:
            if action == "add":
                user = add_user(username, role, region, options["password"], options["name"])
                self.stdout.write(
                    f"created user {user.username} with role {role} on region {region}"
                )
                if not options["password"]:
                    self.stdout.write("no password set: the user cannot sign in until one is set")
            else:
                user = User.objects.filter(username=username).first()
                if user is None:
                    raise CommandError(f"用户名 {username} 不存在")
                _, created = grant_role(user, role, region)
                verb = "granted" if created else "already had"
                self.stdout.write(f"{user.username} {verb} role {role} on region {region}")
        except ValidationError as error:
            raise CommandError(_message(error)) from None
