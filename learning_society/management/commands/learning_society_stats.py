"""Print the learning-society statistics of a unit for a year, the same figures as the statistics page.

    python manage.py learning_society_stats --unit CODE --year YYYY [--json]

Per counted title: the eligible count, the recognised count (recognitions held that year,
learning_society.selectors.statistics / held_in), the share as an exact fraction and as printed
(documents.vn_percent, cut toward zero), the target in force with its source
(learning_society.targets) and whether it is met (documents.share_meets on the counts). Nothing is
computed here: every figure is read from the selector the page uses.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from units.models import Unit, UnitKind

from ...selectors import COUNTED_TITLES, statistics

COMPUTABLE = (UnitKind.OFFICE, UnitKind.COMMUNE)


def stats_rows(unit: Unit, year: int) -> list[dict]:
    _areas, total = statistics(unit, year)
    rows = []
    for title in COUNTED_TITLES:
        t = total.titles[title]
        rate = t.rate
        rows.append(
            {
                "title": str(title),
                "label": str(t.label),
                "eligible": t.total,
                "recognised": t.recognised,
                "share": f"{t.recognised}/{t.total}" if t.total else None,
                "share_text": t.share_text or None,
                "rate_exact": f"{rate.numerator}/{rate.denominator}" if rate is not None else None,
                "target": t.target,
                "target_source": str(t.target_citation),
                "target_overridden_by": t.target_overridden_by,
                "meets_target": t.meets_target,
            }
        )
    return rows


class Command(BaseCommand):
    help = "Thống kê xã hội học tập của một đơn vị trong một năm (cùng số liệu với trang Thống kê)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Mã đơn vị (phòng hoặc xã).")
        parser.add_argument("--year", required=True, type=int, help="Năm công nhận, ví dụ 2026.")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, unit, year, json: bool = False, **options):
        found = Unit.objects.filter(code=unit.strip()).first()
        if found is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{unit}”. Hãy kiểm tra lại mã đơn vị.")
        if found.kind not in COMPUTABLE:
            raise CommandError(
                f"Không thể thống kê cho “{found.full_name}”: chỉ thống kê được cho phòng giáo dục hoặc xã "
                f"(đơn vị này là {found.get_kind_display().lower()})."
            )
        if not 1900 <= year <= 2100:
            raise CommandError(f"Năm “{year}” không hợp lệ: hãy nhập năm có bốn chữ số, ví dụ 2026.")
        rows = stats_rows(found, year)
        if json:
            self.stdout.write(_dumps({"unit": found.code, "unit_name": found.full_name, "year": year, "titles": rows}))
            return
        self.stdout.write(f"Thống kê xã hội học tập năm {year} — {found.full_name}")
        header = f"{'Danh hiệu':<34}{'Tổng số':>9}{'Công nhận':>11}{'Tỉ lệ':>9}{'Chỉ tiêu':>10}  Đạt  Nguồn chỉ tiêu"
        self.stdout.write(header)
        for r in rows:
            target = f"{r['target']}%" if r["target"] is not None else "chưa đặt"
            met = {True: "có", False: "không", None: "—"}[r["meets_target"]]
            self.stdout.write(
                f"{r['label']:<34}{r['eligible']:>9}{r['recognised']:>11}{r['share_text'] or '—':>9}{target:>10}"
                f"  {met:<4} {r['target_source']}"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
