"""Points as an officer writes them: "60", "35,5"; "—" when there are none yet."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def points(value) -> str:
    if value is None or value == "":
        return "—"
    return floatformat(value, "-1")
