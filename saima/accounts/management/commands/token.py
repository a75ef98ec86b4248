"""`saima token create USERNAME`: print an API token for `Authorization: Bearer <token>`."""

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from saima.accounts.models import User


class Command(BaseCommand):
    help = "Create (or show the existing) API token of a user."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="print the user's token, creating it if needed")
        create.add_argument("username")

    def handle(self, *args, action, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户名 {username} 不存在")
        if not user.is_active:
            raise CommandError(f"用户 {username} 已停用")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
