"""The standard of an office or commune (CMC-2/3/4) and the name lists MC1 / MC2, as pages and files."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from documents import pdf_response, render_official_pdf, table_to_xlsx, xlsx_response
from jobs.responses import export_or_job
from units.calendar import today
from units.models import Unit, UnitKind
from units.text import as_year

from .. import access, attainment, dossier, exports, tables
from .common import _page


def _year(request, unit: Unit) -> tuple[int, list[int]]:
    years = attainment.standard_years(unit)
    year = as_year(request.GET.get("nam"))
    return year or (years[0] if years else today().year), years


def standard(request, pk):
    unit = access.get_standard_unit_for_user(request.user, pk)
    year, years = _year(request, unit)
    fmt = request.GET.get("xuat", "")
    if unit.kind == UnitKind.OFFICE:
        result = attainment.office_standard(unit, year)
        table = tables.office_standard_table(
            result, link=lambda c: reverse("literacy:standard", kwargs={"pk": c.pk}) + f"?nam={year}"
        )
        context = {
            "unit": unit,
            "year": year,
            "years": years,
            "office_result": result,
            "table": table,
            "survey_round": result.survey_round,
            "conf": result.settings,
        }
        file_stem = f"chuan-xmc-{unit.code}-{year}"
    else:
        result, survey_round, conf = attainment.commune_standard(unit, year)
        table = tables.commune_band_table(result, conf, year) if result else None
        context = {
            "unit": unit,
            "year": year,
            "years": years,
            "commune_result": result,
            "table": table,
            "survey_round": survey_round,
            "conf": conf,
            "recognitions": list(dossier.history(unit)),  # issue 18: the commune's recognitions by year and level
        }
        file_stem = f"chuan-xmc-{unit.code}-{year}"
    if fmt in ("xlsx", "pdf"):
        if table is None:
            raise Http404
        if fmt == "xlsx":
            return xlsx_response(table_to_xlsx(table, heading_lines=[unit.full_name]), f"{file_stem}.xlsx")
        doc = exports.official_document(
            unit, "Báo cáo", _("Kết quả xóa mù chữ năm %(y)d — %(u)s") % {"y": year, "u": unit.full_name}
        )
        doc.landscape = table.width > 9
        data = render_official_pdf("literacy/standard_pdf.html", {"doc": doc, "tables": [table]}, request=request)
        return pdf_response(data, f"{file_stem}.pdf")
    return render(request, "literacy/standard.html", context)


def name_list(request, pk, level):
    commune = access.get_standard_unit_for_user(request.user, pk)
    if commune.kind != UnitKind.COMMUNE or level not in (1, 2):
        raise Http404
    year, years = _year(request, commune)
    names = attainment.name_list_for(commune, year, level)
    persons = names.persons
    fmt = request.GET.get("xuat", "")
    if fmt in ("xlsx", "pdf") and names.survey_round:
        return export_or_job(
            request,
            kind=exports.NAME_LIST_KIND,
            title=_("Danh sách MC%(l)d — %(c)s — năm %(y)d") % {"l": level, "c": commune.full_name, "y": year},
            params={"commune": commune.pk, "level": level, "year": year, "fmt": fmt},
            estimated_rows=persons.count(),
            unit=commune,
            threshold=exports.NAME_LIST_DIRECT_ROWS[fmt],
        )
    page = _page(request, persons)
    return render(
        request,
        "literacy/name_list.html",
        {
            "unit": commune,
            "level": level,
            "year": year,
            "years": years,
            "survey_round": names.survey_round,
            "page_obj": page,
            "persons": page.object_list,
            "conf": names.settings,
            "notes": tables.settings_notes(names.settings),
            "band": names.band,
        },
    )
