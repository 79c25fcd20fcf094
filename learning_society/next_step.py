"""What the officer is told comes next once an assessment is checked: who issues the recognition
decision (issue 17). The authority is the office's setting (RecognitionAuthority, through
authority.authority_for), else the DOMAIN.md §4 default by title."""

import re

from django.utils.translation import gettext as _

from units.models import Unit

from .authority import authority_for, authority_name, decision_issuer


def decider(area: Unit, title: str, year: int | None = None) -> str:
    """ "Chủ tịch UBND xã Đống Đa": the authority in running text, the Committee abbreviated as
    officers write it."""
    authority = authority_for(area, title, year=year)
    name = authority_name(authority, decision_issuer(authority, area))
    return re.sub(r"Ủy ban nhân dân", "UBND", name, flags=re.IGNORECASE)


def after_check(area: Unit, title: str, year: int | None = None) -> str:
    return _("Bước tiếp theo: %(who)s ra quyết định công nhận.") % {"who": decider(area, title, year)}
