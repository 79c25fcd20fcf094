"""Forms of the rubric pages: the JSON upload, and the edit page read back into rubric data (the
shape of a JSON file), which rubrics.validation checks like an upload. Forms only shape what the user
typed; the rules are in rubrics.validation and rubrics.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from units.text import as_id

from .models import Rubric
from .selectors import rubric_data


class RubricUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp bộ tiêu chí (JSON)"),
        help_text=_("Cùng cấu trúc với các tệp mẫu trong learning_society/rubrics/. Tối đa 1 MB."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 1024 * 1024:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 1 MB)."))
        return f


# The edit page: one row per band and per criterion, a few blank rows to add to.
EXTRA_BANDS, EXTRA_ROWS, MAX_ROWS = 2, 3, 500


def edit_rows(data: dict) -> tuple[list, list]:
    """Bands and criteria rows of the edit page from rubric data, plus a few blank rows to add to."""
    bands = [{"label": b.get("label", ""), "min": b.get("min", "")} for b in data.get("bands") or []]
    rows = [
        {
            "group_code": g.get("code", ""),
            "group_title": g.get("title", ""),
            "code": c.get("code", ""),
            "text": c.get("text", ""),
            "max_points": c.get("max_points") or "",
            "level": c.get("required_for_level") or 1,
            "evidence": bool(c.get("evidence_required")),
        }
        for g in data.get("groups") or []
        for c in g.get("criteria") or []
    ]
    last = rows[-1] if rows else {"group_code": "", "group_title": ""}
    blank = {"code": "", "text": "", "max_points": "", "level": 1, "evidence": False}
    rows += [{**blank, "group_code": last["group_code"], "group_title": last["group_title"]}] * EXTRA_ROWS
    return bands + [{"label": "", "min": ""}] * EXTRA_BANDS, rows


def _count(post, key: str) -> int:
    number = as_id(post.get(key)) or 0
    return min(number, MAX_ROWS)


def data_from_post(post, rubric) -> dict:
    """Rubric data (the shape of a JSON file) from the edit page; rubrics.validation checks it."""
    old = rubric_data(rubric)
    passes = {b["label"]: b["pass"] for b in old["bands"] if "pass" in b}
    samples = {(g["code"], c["code"], c["text"]) for g in old["groups"] for c in g["criteria"] if c["is_sample"]}
    bands = []
    for i in range(_count(post, "bands")):
        label, minimum = post.get(f"b-{i}-label", "").strip(), post.get(f"b-{i}-min", "").strip()
        if label or minimum:
            band = {"label": label, "min": minimum}
            if label in passes:
                band["pass"] = passes[label]
            bands.append(band)
    groups: dict[str, dict] = {}
    for i in range(_count(post, "rows")):
        row = {k: post.get(f"r-{i}-{k}", "").strip() for k in ("group_code", "group_title", "code", "text")}
        if not (row["code"] or row["text"]):
            continue
        group = groups.setdefault(row["group_code"], {"code": row["group_code"], "title": "", "criteria": []})
        group["title"] = group["title"] or row["group_title"]
        criterion = {
            "code": row["code"],
            "text": row["text"],
            "evidence_required": post.get(f"r-{i}-evidence") == "on",
            "is_sample": (row["group_code"], row["code"], row["text"]) in samples,
        }
        if rubric.regime == Rubric.Regime.POINTS:
            criterion["max_points"] = post.get(f"r-{i}-max_points", "").strip()
        else:
            criterion["required_for_level"] = post.get(f"r-{i}-level", "1").strip()
        group["criteria"].append(criterion)
    header = {
        key: post.get(key, "").strip()
        for key in ("legal_basis", "year_from", "year_to", "level2_wait_months", "validity_months")
    }
    header["title"] = post.get("rubric_title", "").strip()  # not "title": the groups have titles too
    return {
        **header,
        "code": rubric.code,
        "subject_kind": rubric.subject_kind,
        "regime": rubric.regime,
        "bands": bands,
        "groups": list(groups.values()),
    }
