"""What the literacy views share: pagination and the units a user's landing page reads."""

from django.core.paginator import Paginator

from units.models import Unit, UnitKind
from units.selectors import scope_roots

PAGE_SIZE = 50


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _home_units(user) -> list[Unit]:
    """Offices and communes whose standard the user reads from the landing page."""
    return [u for u in scope_roots(user) if u.kind in (UnitKind.OFFICE, UnitKind.COMMUNE)]
