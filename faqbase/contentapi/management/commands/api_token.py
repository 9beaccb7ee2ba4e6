"""`faqbase api-token USER`: create a content API token for a user (shown once), list a user's
tokens, or revoke one."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from faqbase.contentapi.models import APIToken
from faqbase.contentapi.services import ContentAPIError, token_create, token_revoke


class Command(BaseCommand):
    help = "Create (default), list or revoke a user's content API tokens."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--list", action="store_true", help="list the user's tokens")
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the token with this prefix")

    def handle(self, *args, username, name, list, revoke, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user '{username}'.") from None
        if list:
            return self.tokens_list(user)
        if revoke:
            return self.token_revoke(user, revoke)
        try:
            token, plain = token_create(user=user, name=name, acting_user=user)
        except ContentAPIError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Token {token.prefix} for {user.username} ({token.name}):")
        self.stdout.write(plain)
        self.stdout.write("Keep it now: it is stored only as a hash and cannot be shown again.")

    def tokens_list(self, user):
        for token in APIToken.objects.filter(user=user):
            state = "active" if token.active else f"revoked {token.revoked_at:%Y-%m-%d}"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(f"{token.prefix}  {token.name}  {state}, last used {used}")

    def token_revoke(self, user, prefix):
        token = APIToken.objects.filter(user=user, prefix=prefix).first()
        if token is None:
            raise CommandError(f"{user.username} has no token {prefix}.")
        token_revoke(token=token, acting_user=user)
        self.stdout.write(f"Token {prefix} revoked.")
