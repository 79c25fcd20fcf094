"""The read-only API (GET only), each answer scoped to the token's unit subtree: an id outside it is
404, exactly as an id that does not exist. Every figure comes from the function the portal's own page
uses, so the API and the page cannot disagree:

- roll-up: reports.selectors.rollup_table (the office roll-up page), approved reports only;
- literacy standard: literacy.attainment.office_standard / commune_standard (the standard page);
- learning society: the rows of `manage.py learning_society_stats --json` (the statistics page's
  selector)."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.tables import TOTAL
from learning_society.management.commands.learning_society_stats import stats_rows
from literacy import attainment
from reports.formspec import load_form_spec
from reports.models import ReportingPeriod
from reports.selectors import commune_in_period, rollup_table
from units.calendar import today
from units.models import Unit, UnitKind
from units.text import as_year

from ..permissions import IsApiClient
from ..serializers import (
    LearningSocietySerializer,
    LiteracySerializer,
    PeriodSerializer,
    RollupSerializer,
    UnitSerializer,
    number,
)

STANDARD_KINDS = (UnitKind.OFFICE, UnitKind.COMMUNE)
YEAR = OpenApiParameter("nam", OpenApiTypes.INT, description=_("Năm thống kê, ví dụ 2026."))


def scope(request):
    """The units the token may read: its unit and everything under it."""
    return Unit.objects.subtree_of(request.auth.unit)


def periods_in_scope(request):
    """Periods opened in the subtree; for a commune's token also those of the offices above it,
    whose roll-up it reads for its own commune only (Rollup below)."""
    unit = request.auth.unit
    periods = Q(owner__path__startswith=unit.path)
    if unit.kind == UnitKind.COMMUNE:
        periods |= Q(owner_id__in=unit.ancestor_ids())
    return ReportingPeriod.objects.filter(periods).select_related("form", "owner")


def _year(request, *, default: int) -> int:
    raw = request.query_params.get("nam")
    if raw in (None, ""):
        return default
    year = as_year(raw)
    if year is None:
        raise exceptions.ValidationError(
            {"nam": _("Năm “%(y)s” không hợp lệ: hãy dùng năm có bốn chữ số.") % {"y": raw}}
        )
    return year


@method_decorator(login_not_required, name="dispatch")
class ApiView(APIView):
    permission_classes = [IsApiClient]


@method_decorator(login_not_required, name="dispatch")
class UnitList(generics.ListAPIView):
    """Cây đơn vị: the token's unit and its subtree, top-down."""

    permission_classes = [IsApiClient]
    serializer_class = UnitSerializer

    def get_queryset(self):
        return scope(self.request).order_by("path")


@method_decorator(login_not_required, name="dispatch")
class UnitDetail(generics.RetrieveAPIView):
    permission_classes = [IsApiClient]
    serializer_class = UnitSerializer

    def get_queryset(self):
        return scope(self.request)


@method_decorator(login_not_required, name="dispatch")
class PeriodList(generics.ListAPIView):
    """Kỳ báo cáo opened by a unit of the subtree, latest first."""

    permission_classes = [IsApiClient]
    serializer_class = PeriodSerializer

    def get_queryset(self):
        return periods_in_scope(self.request).order_by("-due_date", "-id")


class Rollup(ApiView):
    @extend_schema(
        responses=RollupSerializer,
        parameters=[OpenApiParameter("xa", OpenApiTypes.INT, description=_("Chỉ tổng hợp một xã (id)."))],
    )
    def get(self, request, pk):
        """Tổng hợp số liệu đã duyệt của một kỳ: the office roll-up page's figures, approved reports only."""
        period = get_object_or_404(periods_in_scope(request), pk=pk)
        commune = None
        if raw := request.query_params.get("xa"):
            commune = commune_in_period(period, int(raw)) if raw.isdecimal() and len(raw) < 12 else None
            if commune is None or commune.kind != UnitKind.COMMUNE:
                raise Http404
        if not period.owner.path.startswith(request.auth.unit.path):
            # A period of an office above a commune's token: that commune's figures only.
            if commune is not None and commune.pk != request.auth.unit.pk:
                raise Http404
            commune = request.auth.unit
        spec = load_form_spec(period.form)
        table, count = rollup_table(period, spec=spec, commune=commune, approved_only=True)
        section = ""
        rows = []
        for row in table.rows:
            if row.kind == "section":
                section = row.code
                continue
            rows.append(
                {
                    "section": section,
                    "code": row.code,
                    "label": row.label,
                    "unit_label": row.unit_label,
                    "is_total": row.style == TOTAL,
                    "values": {
                        column.code: number(cell.value) for column, cell in zip(spec.columns, row.values, strict=True)
                    },
                }
            )
        return Response(
            {
                "period": PeriodSerializer(period).data,
                "unit": (commune or period.owner).pk,
                "approved_reports": count,
                "columns": {column.code: column.label for column in spec.columns},
                "rows": rows,
            }
        )


def _standard_unit(request, pk) -> Unit:
    return get_object_or_404(scope(request).filter(kind__in=STANDARD_KINDS), pk=pk)


class LiteracyStandard(ApiView):
    @extend_schema(responses=LiteracySerializer, parameters=[YEAR])
    def get(self, request, pk):
        """Chuẩn xóa mù chữ của một phòng hoặc một xã trong một năm (the standard page's figures)."""
        unit = _standard_unit(request, pk)
        years = attainment.standard_years(unit)
        year = _year(request, default=years[0] if years else today().year)
        answer = {"unit": unit.pk, "kind": unit.kind, "year": year, "communes": []}
        if unit.kind == UnitKind.OFFICE:
            result = attainment.office_standard(unit, year)
            answer["survey_round"] = result.survey_round.pk if result.survey_round else None
            answer["level1"] = result.level_total(1).as_json()
            answer["level2"] = result.level_total(2).as_json()
            answer["communes"] = [
                {
                    "unit": c.commune.pk,
                    "code": c.commune.code,
                    "name": c.commune.full_name,
                    "especially_difficult": c.especially_difficult,
                    "level1": c.level1.as_json(),
                    "level2": c.level2.as_json(),
                }
                for c in result.communes
            ]
        else:
            result, survey_round, _conf = attainment.commune_standard(unit, year)
            answer["survey_round"] = survey_round.pk if survey_round else None
            answer["level1"] = result.level1.as_json() if result else None
            answer["level2"] = result.level2.as_json() if result else None
        return Response(answer)


class LearningSocietyStats(ApiView):
    @extend_schema(responses=LearningSocietySerializer, parameters=[YEAR])
    def get(self, request, pk):
        """Thống kê xã hội học tập của một phòng hoặc một xã trong một năm (`learning_society_stats --json`)."""
        unit = _standard_unit(request, pk)
        year = _year(request, default=today().year)
        return Response(
            {"unit": unit.code, "unit_name": unit.full_name, "year": year, "titles": stats_rows(unit, year)}
        )
