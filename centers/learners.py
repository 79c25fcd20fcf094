"""The learner list typed or pasted into an activity: one person a line,

    Nguyễn Thị Lan; nữ; 1962; Tày

name; sex (nam / nữ; blank is stored as unknown, neither woman nor man); year of birth;
ethnicity: the code or name of one of the 54 groups of
Quyết định 121-TCTK/PP (units.ethnicity: "Kinh", "Việt", "01" are the majority; blank is not
counted). Commas or tabs work as separators too, so a column copied from Excel pastes as it is. The activity's counts
(participants, women, ethnic minority, elderly) are derived from the list, never typed twice.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from units import ethnicity
from units.text import fold, nfc

from .models import ELDERLY_AGE

_SEPARATORS = re.compile(r"\s*[;\t,]\s*")
_WOMAN = {"nu", "n", "f", "x"}
_MAN = {"nam", "m"}


@dataclass
class LearnerLine:
    full_name: str
    is_woman: bool | None  # None: sex not given (neither woman nor man)
    birth_year: int | None
    ethnicity: str
    is_ethnic_minority: bool


def parse(text: str, *, year: int) -> list[LearnerLine]:
    """Every line parsed, or one ValidationError listing each bad line by its number."""
    learners, errors = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = nfc(raw)
        if not line:
            continue
        parts = _SEPARATORS.split(line)
        name = parts[0].strip()
        if not name:
            errors.append(_("Dòng %(n)d: thiếu họ tên.") % {"n": number})
            continue
        sex = fold(parts[1]) if len(parts) > 1 else ""
        if sex and sex not in _WOMAN | _MAN:
            errors.append(
                _("Dòng %(n)d: giới tính “%(v)s” không rõ, hãy ghi “nam” hoặc “nữ”.") % {"n": number, "v": parts[1]}
            )
            continue
        birth_year = None
        if len(parts) > 2 and parts[2].strip():
            value = parts[2].strip()
            if not value.isdecimal() or not (year - 110 <= int(value) <= year):
                errors.append(_("Dòng %(n)d: năm sinh “%(v)s” không hợp lệ.") % {"n": number, "v": value})
                continue
            birth_year = int(value)
        typed = parts[3].strip() if len(parts) > 3 else ""
        code = ethnicity.ethnic_group(typed) if typed else ""
        if code is None:
            errors.append(
                _("Dòng %(n)d: dân tộc “%(v)s” không có trong danh mục. Hãy ghi %(forms)s.")
                % {"n": number, "v": typed[:40], "forms": ethnicity.accepted_forms()}
            )
            continue
        learners.append(
            LearnerLine(
                full_name=name[:150],
                is_woman=(sex in _WOMAN) if sex else None,
                birth_year=birth_year,
                ethnicity=code,
                is_ethnic_minority=ethnicity.is_minority(code),
            )
        )
    if errors:
        raise ValidationError(errors)
    return learners


def counts(learners: list[LearnerLine], *, year: int) -> dict[str, int]:
    return {
        "participants": len(learners),
        "women": sum(1 for p in learners if p.is_woman),
        "ethnic_minority": sum(1 for p in learners if p.is_ethnic_minority),
        # Age counted by year of birth (Luật Người cao tuổi 2009: from 60).
        "elderly": sum(1 for p in learners if p.birth_year and year - p.birth_year >= ELDERLY_AGE),
    }


def as_text(learners) -> str:
    """A stored list back as editable text."""
    lines = []
    for p in learners:
        sex = {True: _("nữ"), False: _("nam")}.get(p.is_woman, "")
        lines.append(
            "; ".join(
                [
                    p.full_name,
                    sex,
                    str(p.birth_year or ""),
                    ethnicity.name(p.ethnicity) or getattr(p, "ethnicity_note", ""),
                ]
            ).rstrip("; ")
        )
    return "\n".join(lines)
