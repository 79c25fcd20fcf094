"""Registering chosen families (or other subjects) one at a time or a ticked few (issue 17): before,
a whole hamlet was registered at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from units.text import as_id, as_year, ids_from

from . import selectors, services
from .access import ENTER, get_area_for_user
from .forms import TITLES_BY_AREA, RegisterForm
from .models import Title

PAGE_SIZE = 100


def _year(request) -> int:
    return as_year(request.POST.get("nam") or request.GET.get("nam")) or selectors.current_year()


def register_chosen(request, pk):
    """GET: the area's subjects of a title with a box each and a 'Đăng ký' button per row; POST
    registers the one whose button was pressed (`one`) or the ticked ones (`subject`)."""
    area = get_area_for_user(request.user, pk, action=ENTER)
    titles_here = TITLES_BY_AREA.get(area.kind, [])
    title = request.POST.get("danh_hieu") or request.GET.get("danh_hieu") or Title.FAMILY
    title = title if title in titles_here else (titles_here[0] if titles_here else Title.FAMILY)
    year = _year(request)
    here = f"{reverse('learning_society:register_chosen', args=[area.pk])}?danh_hieu={title}&nam={year}"
    subjects = selectors.subject_list(area, title=title)
    if request.method == "POST":
        one = as_id(request.POST.get("one"))
        ids = {one} if one else set(ids_from(request.POST.getlist("subject")))
        chosen = list(subjects.filter(pk__in=ids))
        form = RegisterForm({"title": title, "requested_level": request.POST.get("requested_level", "")})
        if not ids:
            messages.error(request, _("Hãy đánh dấu ít nhất một đối tượng để đăng ký."))
        elif len(chosen) != len(ids):
            # Ids of another area or title (typed into the form): refused without naming them.
            messages.error(
                request,
                _("Một số đối tượng đã chọn không thuộc %(area)s; hãy tải lại trang.") % {"area": area.full_name},
            )
        elif not form.is_valid():
            messages.error(request, _("Mức độ đề nghị không hợp lệ."))
        else:
            try:
                n = services.registrations_create_chosen(
                    actor=request.user,
                    subjects=chosen,
                    year=year,
                    requested_level=form.cleaned_data["requested_level"],
                )
            except ValidationError as exc:
                for message in exc.messages[:20]:
                    messages.error(request, message)
            else:
                names = ", ".join(s.plain_name for s in chosen[:5]) + ("…" if len(chosen) > 5 else "")
                messages.success(
                    request,
                    _("Đã đăng ký %(n)s đối tượng cho năm %(y)s: %(names)s.") % {"n": n, "y": year, "names": names},
                )
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = here
        return redirect(target)
    page = Paginator(subjects, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.attach_year(list(page.object_list), year)
    return render(
        request,
        "learning_society/register_chosen.html",
        {
            "area": area,
            "title": title,
            "title_label": Title(title).label,
            "titles_here": [(t.value, t.label) for t in titles_here],
            "year": str(year),
            "page_obj": page,
            "subjects": page.object_list,
        },
    )
