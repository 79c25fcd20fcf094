"""Template filters for the portal's one number and rate format (documents.numbers):
`{% load documents_numbers %}{{ rate|vn_percent:2 }}` prints a rate cut toward zero with a decimal
comma ("89,99%"), never rounded up to a threshold it misses."""

from django import template

from documents.numbers import vn_percent as _vn_percent

register = template.Library()


@register.filter
def vn_percent(value, decimals=1):
    """A rate in percent → "69,9%" (cut, decimal comma); "" for None."""
    try:
        places = int(decimals)
    except (TypeError, ValueError):
        places = 1
    return _vn_percent(value, places)
