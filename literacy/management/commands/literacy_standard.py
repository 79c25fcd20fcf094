"""python manage.py literacy_standard --unit CODE --year YYYY [--json]

The commune or office literacy standard (Nghị định 20/2014/NĐ-CP, Điều 20–21), computed from the
register exactly as the portal's pages do."""

import json

from django.core.management.base import BaseCommand, CommandError

from literacy import attainment
from units.models import Unit, UnitKind


def commune_json(result, year: int) -> dict:
    return {
        "unit": result.commune.code,
        "year": year,
        "especially_difficult": result.especially_difficult,
        "level1": result.level1.as_json(),
        "level2": result.level2.as_json(),
    }


class Command(BaseCommand):
    help = "Tính chuẩn xóa mù chữ của một xã hoặc một cơ quan quản lý cho một năm thống kê."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã xã hoặc mã cơ quan")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None or unit.kind not in (UnitKind.COMMUNE, UnitKind.OFFICE):
            raise CommandError(f"Không có xã hoặc cơ quan mã {options['unit']}.")
        year = options["year"]
        if unit.kind == UnitKind.COMMUNE:
            result, survey_round, _conf = attainment.commune_standard(unit, year)
            if result is None:
                raise CommandError(f"Chưa có đợt điều tra nào của năm {year}.")
            data = commune_json(result, year)
        else:
            office = attainment.office_standard(unit, year)
            if office.survey_round is None:
                raise CommandError(f"Chưa có đợt điều tra nào của năm {year}.")
            data = {
                "unit": unit.code,
                "year": year,
                "especially_difficult": False,
                "level1": office.level_total(1).as_json(),
                "level2": office.level_total(2).as_json(),
                "communes": len(office.communes),
                "communes_meeting_level1": office.communes_meeting_level1,
                "communes_meeting_level2": office.communes_meeting_level2,
            }
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        for level in ("level1", "level2"):
            d = data[level]
            self.stdout.write(
                f"{data['unit']} {year} mức {level[-1]} ({d['age_from']}–{d['age_to']}): dân số {d['population']}, "
                f"miễn {d['exempt']}, biết chữ {d['literate']}, tỉ lệ {d['rate']}% — "
                f"{'đạt' if d['met'] else 'chưa đạt'}"
            )
