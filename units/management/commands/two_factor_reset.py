"""`manage.py two_factor_reset <username>`: turns off someone's two-factor login when they lost
both the phone and the recovery codes (issue 8). The person then logs in with the password alone
and may set it up again. Leaves an audit entry like turning it off from the portal does."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from units import two_factor
from units.models import TwoFactorDevice


class Command(BaseCommand):
    help = "Tắt xác thực hai bước của một người dùng (mất điện thoại và mã dự phòng)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng '{username}'.")
        device = TwoFactorDevice.objects.filter(user=user).first()
        if device is None:
            self.stdout.write(f"{username} chưa bật xác thực hai bước.")
            return
        two_factor.disable(user=user, device=device, actor=None)
        self.stdout.write(self.style.SUCCESS(f"Đã tắt xác thực hai bước của {username}."))
