"""`manage.py purge_jobs [--days 30]`: delete finished jobs older than that and their result files
(jobs.supervision.purge_old_jobs). Meant for a daily cron or systemd timer; running jobs are kept."""

from django.core.management.base import BaseCommand, CommandError

from jobs.supervision import purge_old_jobs


class Command(BaseCommand):
    help = "Delete finished background jobs older than --days (default 30) and their result files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        count = purge_old_jobs(days=days)
        if options.get("verbosity", 1):
            self.stdout.write(f"Deleted {count} finished job(s) older than {days} day(s).")
