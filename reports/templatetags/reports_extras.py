from decimal import Decimal

from django import template
from django.utils.html import format_html

from documents.numbers import vn_number as document_number

from ..models import Submission

register = template.Library()

_TONES = {
    Submission.Status.DRAFT: ("secondary", "fa-pen"),
    Submission.Status.SUBMITTED: ("info", "fa-paper-plane"),
    Submission.Status.RETURNED: ("danger", "fa-rotate-left"),
    Submission.Status.APPROVED: ("success", "fa-check"),
}


@register.simple_tag
def status_badge(submission):
    tone, icon = _TONES.get(submission.status, ("secondary", "fa-circle"))
    return format_html(
        '<span class="badge text-bg-{}"><i class="fa-solid {} me-1" aria-hidden="true"></i>{}</span>',
        tone,
        icon,
        submission.get_status_display(),
    )


@register.filter
def vn_number(value):
    """1.234,5 — how Vietnamese tables write numbers: the one rule of documents.numbers."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return document_number(value)
    return value


@register.filter
def input_value(value):
    """A stored number as the person would type it back (no thousands dots, comma decimals)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        normal = value.normalize()
        if normal == normal.to_integral_value():
            return str(int(normal))
        return format(normal, "f").replace(".", ",")
    return value
