"""Citations in templates come from the registry (units.legal), never typed by hand:

{% load legal %}
{% legal_cite "nd20_2014" "Điều 20–21" %}   → Nghị định 20/2014/NĐ-CP, Điều 20–21
{% legal_basis "nd20_2014" %}               → Căn cứ Nghị định số 20/2014/NĐ-CP ngày 24 tháng 3 …;
"""

from django import template

from units import legal

register = template.Library()


@register.simple_tag
def legal_cite(key, article=""):
    return legal.cite(key, article)


@register.simple_tag
def legal_short(key):
    """ "Thông tư 96/2008/TT-BTC" with "(cần xác minh)" when the text is not verified."""
    return legal.cite(key)


@register.simple_tag
def legal_basis(key):
    return legal.basis_line(key)


@register.simple_tag
def legal_full(key, article=""):
    """ "Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ" (+ article, + cần xác minh)."""
    return legal.cite(key, article, full=True)
