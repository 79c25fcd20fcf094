"""python manage.py import_households FILE --commune CODE --round ID [--dry-run]

The same check and all-or-nothing import as the web page. Exit status 1 and the row-by-row error
list when any row is bad; nothing is written then."""

from django.core.management.base import BaseCommand, CommandError

from literacy import household_import
from literacy.models import SurveyRound
from units.models import Unit, UnitKind


class Command(BaseCommand):
    help = "Nhập hộ gia đình, nhân khẩu của một xã từ tệp Excel theo mẫu (kiểm tra trước, nhập trọn vẹn hoặc không)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commune", required=True, help="Mã xã")
        parser.add_argument("--round", required=True, type=int, help="Số định danh (ID) của đợt điều tra")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì")

    def handle(self, *args, **options):
        commune = Unit.objects.filter(code=options["commune"], kind=UnitKind.COMMUNE).first()
        if commune is None:
            raise CommandError(f"Không có xã mã {options['commune']}.")
        survey_round = SurveyRound.objects.select_related("office").filter(pk=options["round"]).first()
        if survey_round is None:
            raise CommandError(f"Không có đợt điều tra ID {options['round']}.")
        if not commune.path.startswith(survey_round.office.path):
            raise CommandError("Xã không thuộc phạm vi của đợt điều tra.")
        if survey_round.status != SurveyRound.Status.OPEN:
            raise CommandError("Đợt điều tra đã khóa.")
        try:
            plan = household_import.check(options["file"], survey_round=survey_round, commune=commune)
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {options['file']}.") from exc
        if plan.fatal:
            raise CommandError(plan.fatal)
        if plan.errors:
            for error in plan.errors[: household_import.MAX_STORED_ERRORS]:
                self.stderr.write(f"Dòng {error.row} | {error.column} | {error.message}")
            raise CommandError(f"{len(plan.errors)} lỗi trong {plan.rows} dòng; chưa có dòng nào được nhập.")
        summary = plan.summary
        line = (
            f"{plan.rows} dòng: {summary['households_new']} hộ mới, {summary['households_updated']} hộ cập nhật, "
            f"{summary['persons_new']} nhân khẩu mới, {summary['persons_updated']} cập nhật, "
            f"{summary['persons_unchanged']} không đổi."
        )
        if options["dry_run"]:
            self.stdout.write("Kiểm tra xong (không ghi gì): " + line)
            return
        household_import.apply(plan, actor=None, survey_round=survey_round, commune=commune, file_name=options["file"])
        self.stdout.write(self.style.SUCCESS("Đã nhập " + line))
