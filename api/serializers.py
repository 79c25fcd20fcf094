"""What the API answers, field by field (also the OpenAPI schema's description of it)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.models import ReportingPeriod
from units.models import Unit


def number(value):
    """A figure as JSON: whole numbers as integers, others with at most 4 decimals (as stored)."""
    if not isinstance(value, Decimal):
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(Decimal("0.0001")))


class UnitSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True, help_text=_("Tên đầy đủ, ví dụ “Xã Đống Đa”."))
    parent = serializers.PrimaryKeyRelatedField(read_only=True, help_text=_("Đơn vị cấp trên (id)."))

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "full_name",
            "kind",
            "level_label",
            "school_level",
            "especially_difficult",
            "parent",
            "valid_from",
            "valid_to",
        ]


class PeriodSerializer(serializers.ModelSerializer):
    form_code = serializers.CharField(source="form.code", read_only=True)
    form_version = serializers.IntegerField(source="form.version", read_only=True)
    form_title = serializers.CharField(source="form.title", read_only=True)
    owner = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = [
            "id",
            "label",
            "form_code",
            "form_version",
            "form_title",
            "owner",
            "start_date",
            "end_date",
            "due_date",
        ]


class RollupRowSerializer(serializers.Serializer):
    section = serializers.CharField(help_text=_("Mã phần của biểu mẫu."))
    code = serializers.CharField(help_text=_("Mã chỉ tiêu."))
    label = serializers.CharField()
    unit_label = serializers.CharField()
    is_total = serializers.BooleanField()
    values = serializers.DictField(
        child=serializers.FloatField(allow_null=True), help_text=_("Số liệu theo mã cột; null là ô không có số.")
    )


class RollupSerializer(serializers.Serializer):
    period = PeriodSerializer()
    unit = serializers.IntegerField(help_text=_("Đơn vị được tổng hợp (đơn vị mở kỳ hoặc xã được lọc)."))
    approved_reports = serializers.IntegerField(help_text=_("Số báo cáo đã duyệt được tổng hợp."))
    columns = serializers.DictField(child=serializers.CharField(), help_text=_("Mã cột → tên cột."))
    rows = RollupRowSerializer(many=True)


class LevelSerializer(serializers.Serializer):
    age_from = serializers.IntegerField()
    age_to = serializers.IntegerField()
    population = serializers.IntegerField()
    exempt = serializers.IntegerField()
    literate = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    met = serializers.BooleanField()


class CommuneLiteracySerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    especially_difficult = serializers.BooleanField()
    level1 = LevelSerializer()
    level2 = LevelSerializer()


class LiteracySerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    kind = serializers.CharField()
    year = serializers.IntegerField()
    survey_round = serializers.IntegerField(allow_null=True)
    level1 = LevelSerializer(allow_null=True)
    level2 = LevelSerializer(allow_null=True)
    communes = CommuneLiteracySerializer(many=True, help_text=_("Từng xã (chỉ khi đơn vị là phòng)."))


class TitleStatsSerializer(serializers.Serializer):
    title = serializers.CharField()
    label = serializers.CharField()
    eligible = serializers.IntegerField()
    recognised = serializers.IntegerField()
    share = serializers.CharField(allow_null=True)
    share_text = serializers.CharField(allow_null=True)
    rate_exact = serializers.CharField(allow_null=True)
    target = serializers.IntegerField(allow_null=True)
    target_source = serializers.CharField()
    target_overridden_by = serializers.CharField(allow_null=True)
    meets_target = serializers.BooleanField(allow_null=True)


class LearningSocietySerializer(serializers.Serializer):
    unit = serializers.CharField(help_text=_("Mã đơn vị."))
    unit_name = serializers.CharField()
    year = serializers.IntegerField()
    titles = TitleStatsSerializer(many=True)
