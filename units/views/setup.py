"""The first-run page (/cai-dat/, superusers only) and the password change that ends a one-time
password. The page calls the same function as `manage.py setup_office` (units.setup.office_setup)."""

from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from .. import first_login
from ..forms import apply_errors
from ..setup import managing_unit_exists, office_setup
from ..setup_forms import OfficeSetupForm


def first_run(request):
    """Cài đặt đơn vị quản lý: a superuser creates the managing unit, its identity and its first
    officer; the officer's one-time password is shown once, on the answer page. Anyone else: 404,
    as for a page that does not exist."""
    user = request.user
    if not user.is_superuser:
        raise Http404
    form = OfficeSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = office_setup(actor=user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return render(request, "units/setup_done.html", {"result": result})
    return render(request, "units/setup.html", {"form": form, "first_time": not managing_unit_exists()})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also ends a one-time password (units.first_login)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        first_login.password_changed(user=form.user)
        return response
