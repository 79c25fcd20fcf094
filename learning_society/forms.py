"""Forms of the learning society. Scoring rules live in rubrics.engine and the services; forms only
shape what the user typed."""

import json

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rubrics.models import Rubric
from units import legal
from units.concurrency import VersionedFormMixin, version_field
from units.forms import date_field
from units.models import UnitKind
from units.text import as_id

from . import selectors
from .models import Checker, RecognitionAuthority, Subject, Title, UnitType

TITLES_BY_AREA = {
    UnitKind.HAMLET: [Title.FAMILY, Title.CLAN, Title.HAMLET_COMMUNITY, Title.CITIZEN],
    UnitKind.COMMUNE: [Title.CLAN, Title.LEARNING_UNIT, Title.COMMUNE_COMMUNITY, Title.CITIZEN],
    UnitKind.SCHOOL: [Title.LEARNING_UNIT, Title.CITIZEN],
    UnitKind.CENTRE: [Title.LEARNING_UNIT, Title.CITIZEN],
    UnitKind.OTHER: [Title.LEARNING_UNIT],
    UnitKind.OFFICE: [Title.LEARNING_UNIT],
}

DATE_HELP = _("Ngày/tháng/năm, ví dụ 15/12/2025.")


class SubjectForm(forms.ModelForm):
    class Meta:
        model = Subject
        fields = ["title", "name", "head_name", "members", "address", "unit_type"]
        help_texts = {
            "title": format_lazy("{} ({}).", _("Danh hiệu sẽ đăng ký"), legal.cite("qd281_2014")),
            "unit_type": format_lazy(
                "{} ({}).", _("Chỉ với Đơn vị học tập: cơ quan, trường học, doanh nghiệp"), legal.cite("tt24_2023")
            ),
        }

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TITLES_BY_AREA.get(area.kind, [])
        self.fields["title"].choices = [(t.value, t.label) for t in allowed]
        self.fields["unit_type"].choices = [("", "—"), *UnitType.choices]
        self.fields["members"].min_value = 1


class RegisterForm(forms.Form):
    title = forms.ChoiceField(label=_("Danh hiệu"), choices=Title.choices)
    requested_level = forms.TypedChoiceField(
        label=_("Mức độ đề nghị"),
        choices=[("", _("Không áp dụng / mức độ 1")), ("1", _("Mức độ 1")), ("2", _("Mức độ 2"))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=format_lazy(
            "{} ({}).",
            _("Mức độ 2 chỉ được đề nghị sau 12 tháng kể từ khi được công nhận mức độ 1"),
            legal.cite("tt25_2023"),
        ),
    )


class AssessmentForm(VersionedFormMixin, forms.Form):
    """One field per criterion: points (points regime) or a tick with evidence (levels regime)."""

    requested_level = RegisterForm.base_fields["requested_level"]
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # The assessment's version the page showed (0: none yet); see units.concurrency.
    version = version_field()

    def __init__(self, *args, rubric: Rubric, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric, self.criteria = rubric, criteria
        self.points_regime = rubric.regime == Rubric.Regime.POINTS
        if self.points_regime:
            del self.fields["requested_level"]
        else:
            self.fields["requested_level"] = forms.TypedChoiceField(
                label=RegisterForm.base_fields["requested_level"].label,
                choices=RegisterForm.base_fields["requested_level"].choices,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=RegisterForm.base_fields["requested_level"].help_text,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        for c in criteria:
            if self.points_regime:
                self.fields[f"c{c.pk}"] = forms.CharField(
                    label=c.text,
                    required=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control text-end"}),
                )
            else:
                self.fields[f"c{c.pk}"] = forms.BooleanField(label=c.text, required=False)
            self.fields[f"e{c.pk}"] = forms.CharField(
                label=_("Minh chứng"),
                required=False,
                widget=forms.TextInput(attrs={"placeholder": _("Số, ngày văn bản; biên bản; hình ảnh...")}),
            )

    def rows(self):
        for c in self.criteria:
            yield c, self[f"c{c.pk}"], self[f"e{c.pk}"]

    def entries(self):
        data = self.cleaned_data
        points = {c.pk: data.get(f"c{c.pk}") for c in self.criteria} if self.points_regime else None
        met = {c.pk for c in self.criteria if data.get(f"c{c.pk}")} if not self.points_regime else None
        evidence = {c.pk: data.get(f"e{c.pk}") for c in self.criteria}
        return points, met, evidence

    def service_fields(self) -> dict:
        """What services.assessment_save takes from the form."""
        points, met, evidence = self.entries()
        return {
            "points": points,
            "met": met,
            "evidence": evidence,
            "note": self.cleaned_data.get("note", ""),
            "requested_level": self.cleaned_data.get("requested_level"),
            "expected_version": self.page_version(),
        }


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_("Số quyết định"),
        max_length=60,
        help_text=format_lazy("{} ({}).", _("Ví dụ: 125/QĐ-UBND"), legal.cite("nd30_2020")),
    )
    signed_on = date_field(_("Ngày ký"), help_text=DATE_HELP)
    signer_name = forms.CharField(
        label=_("Họ tên người ký"),
        max_length=150,
        help_text=_("Chức vụ và hình thức ký theo thẩm quyền công nhận mà phòng đã đặt."),
    )
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False, help_text=_("Ghi ở dòng ngày tháng."))


class TitleSettingForm(forms.Form):
    title = forms.ChoiceField(label=_("Danh hiệu"), choices=Title.choices)
    checker = forms.ChoiceField(label=_("Đơn vị kiểm tra"), choices=Checker.choices)
    recogniser = forms.ChoiceField(label=_("Đơn vị nhập quyết định công nhận"), choices=Checker.choices)
    # 0 or empty: the programme's dated target applies (learning_society.targets); else the office's own.
    target = forms.IntegerField(
        label=_("Chỉ tiêu (%)"), min_value=0, max_value=100, required=False, help_text=_("Để trống: theo văn bản.")
    )
    target_difficult = forms.IntegerField(
        label=_("Chỉ tiêu vùng đặc biệt khó khăn (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Để trống: theo văn bản."),
    )


class RecognitionAuthorityForm(forms.ModelForm):
    """One title's (and level's) recognition authority; validation in RecognitionAuthority.clean."""

    legal_source = forms.ChoiceField(label=_("Văn bản quy định thẩm quyền"), required=False)

    class Meta:
        model = RecognitionAuthority
        fields = [
            "title",
            "level",
            "decider",
            "issuing_level",
            "head_position",
            "signer_form",
            "agency",
            "parent_agency",
            "legal_source",
            "legal_article",
            "extra_bases",
        ]
        widgets = {"extra_bases": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "signer_form": _("“TM. ỦY BAN NHÂN DÂN” chỉ dùng khi Ủy ban quyết định tập thể; phòng không ký “TM.”."),
            "issuing_level": format_lazy(
                "{} {}, {}: {}",
                _("Mặc định theo"),
                legal.cite("tt24_2023"),
                legal.cite("tt25_2023"),
                _(
                    "UBND xã công nhận gia đình, dòng họ, cộng đồng cấp thôn; Trưởng phòng GD&ĐT công nhận cộng "
                    "đồng học tập cấp xã; UBND huyện công nhận đơn vị học tập. Từ 01/7/2025 thẩm quyền do địa "
                    "phương quy định (cần xác minh)."
                ),
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_source"].choices = [("", _("(chưa rõ — cần xác minh)"))] + [
            (key, text.short) for key, text in sorted(legal.TEXTS.items(), key=lambda item: item[1].short)
        ]

    def validate_unique(self):
        # The service updates the office's row for the title and level instead of refusing it.
        pass


def assessment_initial(assessment, rubric: Rubric) -> dict:
    """What the assessment page shows before anything is typed: the saved scores, evidence and note."""
    initial = {
        "note": assessment.note if assessment else "",
        "requested_level": assessment.requested_level if assessment else None,
        "version": assessment.version if assessment else 0,
    }
    if assessment:
        for cid, score in selectors.assessment_scores(assessment).items():
            initial[f"c{cid}"] = score.met if rubric.regime == Rubric.Regime.LEVELS else score.points
            initial[f"e{cid}"] = score.evidence
    return initial


# The points grid's POST ------------------------------------------------------------------------


def grid_versions(post) -> dict[int, int]:
    """The assessment versions the grid page showed, {subject: version (0: none yet)}; garbled or
    missing means "unknown", which the service treats as stale."""
    try:
        data = json.loads(post.get("versions") or "{}")
        return {int(k): int(v) for k, v in data.items()}
    except (ValueError, TypeError, AttributeError, RecursionError):
        return {}


def grid_entries(post):
    """p-<subject>-<criterion> = typed points; m-<subject>-<criterion> = ticked (levels). The page's
    script packs every cell into one JSON field `cells` (with `rows`), because a hamlet of 500
    families has 4,000 cells and Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields."""
    items = list(post.items())
    rows = post.getlist("row")
    for packed in post.getlist("cells"):
        try:
            data = json.loads(packed)
            items += [(str(k), str(v)) for k, v in data.get("cells", {}).items()]
            rows += [str(r) for r in data.get("rows", [])]
        except (ValueError, AttributeError, TypeError, RecursionError):  # garbled or nested 100,000 deep
            pass
    points, met = {}, {}
    for key, value in items:
        kind, _sep, rest = key.partition("-")
        if kind not in ("p", "m"):
            continue
        sid, _dash, cid = rest.partition("-")
        sid, cid = as_id(sid), as_id(cid)
        if sid is None or cid is None:
            continue
        if kind == "p":
            points.setdefault(sid, {})[cid] = value
        else:
            met.setdefault(sid, set()).add(cid)
    for key in rows:
        if subject_id := as_id(key):
            points.setdefault(subject_id, {})
            met.setdefault(subject_id, set())
    return points, met
