"""The unit tree: browse it as of a date, search it, and (officers) create, edit, close, move and
merge units. Every object comes through units.access; every write through units.services."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import national, services
from ..access import get_unit_for_user
from ..forms import (
    MERGER_DAY,
    MergeForm,
    TreeFilterForm,
    UnitCloseForm,
    UnitForm,
    UnitMoveForm,
    apply_errors,
    level_label_choices,
)
from ..models import Unit, UnitKind, today
from ..plugins import plugins
from ..selectors import (
    can_manage_unit,
    close_preview,
    communes_to_merge,
    manage_roots,
    merge_preview,
    tree_branches,
    tree_children,
    tree_page,
    unit_ancestors,
    unit_audit_entries,
    unit_memberships,
    unit_parent_choices,
    unit_parent_history,
    unit_search_page,
)
from ..text import as_id, name_order
from .common import label_audit, paginate, parse_day, render_partial_or_page, require_manager, require_office

PAST_ROLES_SHOWN = 10


def tree(request):
    """Cây đơn vị: the user's scope as it stood on a chosen day; a search or a kind filter turns it
    into a flat, paginated list (htmx replaces only the results while the user types)."""
    user = request.user
    require_office(user)
    form = TreeFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    day = data.get("on") or today()
    query, kind, closed = data.get("q", ""), data.get("kind", ""), bool(data.get("closed"))
    context = {
        "form": form,
        "day": day,
        "is_today": day == today(),
        "closed": closed,
        "searching": bool(query or kind),
        "can_manage": user.is_superuser or bool(manage_roots(user)),
    }
    if context["searching"]:
        context["page_obj"] = paginate(
            request, unit_search_page(user, query=query, kind=kind, on=day, include_closed=closed)
        )
    else:
        context["branches"] = tree_branches(user, day, include_closed=closed)
    return render_partial_or_page(request, "units/_tree_body.html", "units/tree.html", context)


def children(request, pk):
    """htmx partial: one unit's children on the chosen day, for expanding a branch of the tree, a
    page of TREE_PAGE at a time (?page=2… are the rows "Xem thêm" adds); constant queries."""
    unit = get_unit_for_user(request.user, pk)
    require_office(request.user)
    day = parse_day(request.GET.get("on"))
    closed = request.GET.get("closed") in ("on", "1", "true")
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    kids, more = tree_page(tree_children(unit, day, include_closed=closed, prefetch=False), page)
    context = {
        "unit": unit,
        "children": kids,
        "more": more,
        "day": day,
        "closed": closed,
        "is_today": day == today(),
        "focus_first": page > 1,
    }
    # A further page replaces its "Xem thêm" button with its rows; the first page is the whole list.
    return render(request, "units/_children_rows.html" if page > 1 else "units/_children.html", context)


def detail(request, pk):
    user = request.user
    unit = get_unit_for_user(user, pk)
    require_office(user)
    # A closed unit opens on its last day, when it still had its children.
    day = parse_day(request.GET.get("on"), default=unit.valid_to if unit.valid_to and unit.valid_to < today() else None)
    closed = request.GET.get("closed") in ("on", "1", "true")
    memberships = list(unit_memberships(unit)[:200])
    current = [m for m in memberships if m.is_active]
    past = [m for m in memberships if not m.is_active]
    context = {
        "unit": unit,
        "today": today(),
        "day": day,
        "is_today": day == today(),
        "closed": closed,
        "ancestors": unit_ancestors(unit),
        "page_obj": paginate(request, tree_children(unit, day, include_closed=closed)),
        "predecessors": sorted(unit.predecessors.all(), key=name_order),
        "successors": list(unit.successors.order_by("valid_from", "name")),
        "parent_history": list(unit_parent_history(unit)[:20]),
        "current_roles": current,
        "past_roles": past[:PAST_ROLES_SHOWN],
        "more_past_roles": max(len(past) - PAST_ROLES_SHOWN, 0),
        "audit": label_audit(unit_audit_entries(unit)[:10]),
        "can_manage": can_manage_unit(user, unit),
        "can_have_children": unit.kind in (UnitKind.OFFICE, UnitKind.COMMUNE),
        # Panels other apps ship in `<app>/unit_page.py` (e.g. a commune's steering committees).
        "unit_panels": [p for panels in plugins("unit_page", "panels") for p in (panels(request, unit=unit) or [])],
    }
    return render(request, "units/detail.html", context)


def _unit_form_context(form, **extra) -> dict:
    return {"form": form, "level_labels": level_label_choices(), **extra}


def create(request):
    user = request.user
    require_manager(user)
    parents = unit_parent_choices(user)
    initial = {}
    parent_pk = request.GET.get("parent")
    if parent_id := as_id(parent_pk):
        parent = parents.filter(pk=parent_id).first()
        if parent is not None:
            initial["parent"] = parent
            initial["kind"] = UnitKind.HAMLET if parent.kind == UnitKind.COMMUNE else UnitKind.COMMUNE
            initial["level_label"] = "Thôn" if parent.kind == UnitKind.COMMUNE else "Xã"
    roots = manage_roots(user) or (
        list(Unit.objects.filter(parent=None).exclude(province_code="")[:1]) if user.is_superuser else []
    )
    province = next((code for root in roots if (code := national.province_of(root))), "")
    form = UnitForm(request.POST or None, parents=parents, initial=initial, province_code=province)
    # An officer's new unit must sit inside the subtree they manage, or they would lose sight of it.
    form.fields["parent"].required = not user.is_superuser
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã thêm đơn vị %(unit)s.") % {"unit": unit.full_name})
            return redirect("units:detail", unit.pk)
    back = initial.get("parent")
    return render(request, "units/unit_form.html", _unit_form_context(form, unit=None, back=back))


def edit(request, pk):
    user = request.user
    unit = get_unit_for_user(user, pk, write=True)
    initial = {name: getattr(unit, name) for name in UnitForm.base_fields if hasattr(unit, name)}
    province = national.province_of(unit.parent) if unit.parent_id else unit.province_code
    form = UnitForm(
        request.POST or None, parents=unit_parent_choices(user), editing=unit, initial=initial, province_code=province
    )
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_update(actor=user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin %(unit)s.") % {"unit": unit.full_name})
            return redirect("units:detail", unit.pk)
    return render(request, "units/unit_form.html", _unit_form_context(form, unit=unit, back=unit))


def close(request, pk):
    """Giải thể / ngừng hoạt động, after a page that says what will close with the unit."""
    user = request.user
    unit = get_unit_for_user(user, pk, write=True)
    protected = not user.is_superuser and any(root.pk == unit.pk for root in manage_roots(user))
    form = UnitCloseForm(request.POST or None, unit=unit, protected=protected)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_close(actor=user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(unit)s ngừng hoạt động sau ngày %(date)s; lịch sử vẫn được giữ.")
                % {"unit": unit.full_name, "date": form.cleaned_data["valid_to"].strftime("%d/%m/%Y")},
            )
            return redirect("units:detail", unit.pk)
    return render(request, "units/close.html", {"unit": unit, "form": form, "preview": close_preview(unit)})


def move(request, pk):
    user = request.user
    unit = get_unit_for_user(user, pk, write=True)
    form = UnitMoveForm(request.POST or None, unit=unit, parents=unit_parent_choices(user))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_move(actor=user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã chuyển %(unit)s về %(parent)s từ ngày %(date)s.")
                % {
                    "unit": unit.full_name,
                    "parent": form.cleaned_data["new_parent"].full_name,
                    "date": form.cleaned_data["effective_date"].strftime("%d/%m/%Y"),
                },
            )
            return redirect("units:detail", unit.pk)
    return render(request, "units/move.html", {"unit": unit, "form": form})


def merge(request):
    """Sáp nhập xã: choose, preview what moves and what ends, confirm, then one service call."""
    user = request.user
    require_manager(user)
    form = MergeForm(request.POST or None, communes=communes_to_merge(user), initial={"effective_date": MERGER_DAY})
    context = {"form": form, "level_labels": level_label_choices()}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sources = data["sources"]
        step = request.POST.get("confirm")
        if step == "1":
            try:
                merged = services.units_merge(
                    actor=user,
                    sources=sources,
                    effective_date=data["effective_date"],
                    code=data["code"],
                    name=data["name"],
                    level_label=data["level_label"],
                    parent=sources[0].parent,
                    especially_difficult=data["especially_difficult"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã sáp nhập %(sources)s thành %(unit)s.")
                    % {"sources": ", ".join(s.full_name for s in sources), "unit": merged.full_name},
                )
                return redirect("units:detail", merged.pk)
        elif step != "0":
            context.update(merge_preview(sources, data["effective_date"]))
            context.update(
                {
                    "sources": sources,
                    "parent": sources[0].parent,
                    "data": data,
                    "closing_day": data["effective_date"] - datetime.timedelta(days=1),
                }
            )
            return render(request, "units/merge_confirm.html", context)
    return render(request, "units/merge.html", context)
