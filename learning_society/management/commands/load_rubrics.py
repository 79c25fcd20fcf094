from django.core.management.base import BaseCommand

from learning_society.services import rubrics_load_shipped


class Command(BaseCommand):
    help = "Nạp các bộ tiêu chí xây dựng xã hội học tập kèm theo phần mềm (chạy lại nhiều lần không sao)."

    def handle(self, *args, **options):
        for rubric in rubrics_load_shipped(actor=None):
            self.stdout.write(f"{rubric.code}: {rubric.title}")
