"""python manage.py ethnicity_unmapped

Lists the people of the literacy register and the centres' learners whose old free-text ethnicity
names none of the 54 groups of Quyết định 121-TCTK/PP (the 2026 data migration left their code blank
and kept the text). They are counted neither as Kinh nor as a minority until the office opens each
record and picks the group; the list shrinks as they do. Exit status 0 either way."""

from django.apps import apps
from django.core.management.base import BaseCommand

from literacy.models import Person
from units import legal


class Command(BaseCommand):
    help = f"Liệt kê các bản ghi có dân tộc ghi cũ chưa khớp danh mục 54 dân tộc ({legal.cite('qd121_1979')})."

    def handle(self, *args, **options):
        people = (
            Person.objects.filter(ethnicity="")
            .exclude(ethnicity_note="")
            .select_related("round", "household", "commune")
            .order_by("commune__path", "round_id", "household__code", "full_name", "pk")
        )
        count = 0
        for p in people.iterator(chunk_size=2000):
            count += 1
            self.stdout.write(
                f"Nhân khẩu\t{p.commune.name}\t{p.round}\thộ {p.household.code}\t{p.full_name} (ID {p.pk})"
                f"\t“{p.ethnicity_note}”"
            )
        if apps.is_installed("centers"):
            Learner = apps.get_model("centers", "Learner")
            learners = (
                Learner.objects.filter(ethnicity="")
                .exclude(ethnicity_note="")
                .select_related("activity__centre")
                .order_by("activity__centre__path", "activity_id", "order")
            )
            for learner in learners.iterator(chunk_size=2000):
                count += 1
                activity = learner.activity
                self.stdout.write(
                    f"Người học\t{activity.centre.name}\t{activity.title} (ID {activity.pk})"
                    f"\t{learner.full_name}\t“{learner.ethnicity_note}”"
                )
        if count:
            self.stdout.write(f"Còn {count} bản ghi có dân tộc chưa khớp danh mục: mở từng bản ghi và chọn dân tộc.")
        else:
            self.stdout.write("Mọi bản ghi đã có mã dân tộc theo danh mục 54 dân tộc.")
