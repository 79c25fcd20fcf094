from django.core.paginator import Paginator
from django.shortcuts import render

from units.models import UnitKind
from units.selectors import unit_list


def index(request):
    units = unit_list(request.user).filter(kind__in=[UnitKind.CENTRE, UnitKind.DISTRICT_CENTRE])
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "centers/index.html", {"page_obj": page, "units": page.object_list})
