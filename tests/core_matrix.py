from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, UrlCase
from units.models import Membership, Role


def _school(world) -> dict:
    return {"pk": world.school.pk}


def _delegate_teacher(world) -> dict:
    return {"membership": Membership.objects.get(user=world.school_staff).pk, "delegated": "1"}


CASES = [
    UrlCase("home", ok=EVERYONE, outsider=200),
    UrlCase("password_change", ok=EVERYONE, outsider=200),
    UrlCase("password_change_done", ok=EVERYONE, outsider=200),
    # The first-run page is for superusers only (tests/units/test_setup_office.py): every role 404.
    UrlCase("setup_office", default=404),
    UrlCase("setup_office", default=404, method="post", data=lambda w: {"name": "X"}, label="post"),
    # Two-factor login is for office roles; the others get 403 (tests/units/test_two_factor.py).
    UrlCase("two_factor_setup", ok=OFFICE, outsider=200),
    UrlCase(
        "two_factor_setup", ok=OFFICE, outsider=200, method="post", data=lambda w: {"code": "000000"}, label="post"
    ),
    UrlCase("two_factor_disable", ok=OFFICE, outsider=200),
    UrlCase("reports:index", ok=EVERYONE, outsider=200),
    UrlCase("centers:index", ok=EVERYONE, outsider=200),
    UrlCase("literacy:index", ok=EVERYONE, outsider=200),
    UrlCase("learning_society:index", ok=EVERYONE, outsider=200),
    # Giao quyền gửi báo cáo (issue 17): the school's principal only; those who see the school 403,
    # the centre (which does not see it) and office B 404.
    UrlCase("units:submit_delegation", kwargs=_school, ok={Role.PRINCIPAL}, hidden=CENTRE),
    UrlCase(
        "units:submit_delegation",
        label="post",
        kwargs=_school,
        method="post",
        data=_delegate_teacher,
        ok={Role.PRINCIPAL},
        hidden=CENTRE,
    ),
]

# URLs that are not pages of the portal's permission model.
# The code page of a login in progress is reached before logging in, like the login page.
PUBLIC = {"login", "logout", "healthz", "two_factor_verify"}
# The read-only API answers a client's token, not a session: its own matrix per token (no token,
# revoked, another office's ids) is tests/api/test_permissions.py, which fails on an API URL it lacks.
# The schema describes the API and holds no figure.
PUBLIC |= {"api:schema", "api:units", "api:unit", "api:periods", "api:rollup", "api:literacy_standard"}
PUBLIC |= {"api:learning_society"}
