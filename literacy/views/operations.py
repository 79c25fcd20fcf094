"""Class operations (issue 19): the bulk term-results grid, attendance per session, dropouts and the
class closing report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, results_grid, selectors


def results_grid_view(request, pk):
    literacy_class = access.get_class_for_user(request.user, pk)
    editable = selectors.can_edit_class(request.user, literacy_class)
    enrolments = list(selectors.grid_enrolments_of(literacy_class))
    posted = errors = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        posted = {k: v for k, v in request.POST.items() if k.startswith("r-")}
        try:
            outcome = results_grid.save(
                actor=request.user, literacy_class=literacy_class, enrolments=enrolments, posted=posted
            )
        except ValidationError as exc:
            errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
            messages.error(
                request,
                _("Chưa lưu gì: %(n)d ô sai (tô đỏ). Sửa rồi lưu lại cả bảng.") % {"n": len(errors)},
            )
        else:
            messages.success(request, _("Đã lưu bảng kết quả: %(n)d ô thay đổi.") % {"n": outcome["changed"]})
            for name, gaps in outcome["skipped"]:
                messages.warning(
                    request,
                    _("%(p)s: kỳ %(t)s còn trống trong khi kỳ sau đã có kết quả — có bỏ sót không?")
                    % {"p": name, "t": ", ".join(str(t) for t in gaps)},
                )
            return redirect("literacy:results_grid", pk=literacy_class.pk)
    rows = results_grid.build_rows(literacy_class, enrolments, posted=posted, errors=errors)
    return render(
        request,
        "literacy/results_grid.html",
        {"literacy_class": literacy_class, "rows": rows, "editable": editable, "errors": errors},
        status=400 if errors else 200,
    )
