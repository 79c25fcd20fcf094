from django import template

from documents.blocks import block_kind as _block_kind

register = template.Library()


@register.filter
def block_kind(block) -> str:
    return _block_kind(block)
