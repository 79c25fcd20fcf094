from django.core.management.base import BaseCommand

from rubrics.services import load_shipped


class Command(BaseCommand):
    help = "Nạp các bộ tiêu chí mặc định toàn quốc kèm theo phần mềm (chạy lại nhiều lần không sao)."

    def handle(self, *args, **options):
        for rubric in load_shipped():
            self.stdout.write(f"{rubric.code}: {rubric.title}")
