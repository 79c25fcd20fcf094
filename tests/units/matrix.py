"""Every URL of the unit tree and people pages, for tests/test_permission_matrix.py.

Who may open what:
- the tree, unit and people pages are for office roles (officer, leader, viewer); principals,
  directors and association officers have their own pages: 403 where they can see the object,
  404 where it lies outside their scope;
- every write is for office officers only (leaders and viewers read: 403);
- a user of another office gets 404 for office A's objects, and their own scope on list pages.
"""

from django.utils import timezone

from tests.factories import make_user
from tests.permission_matrix import ALL_ROLES, OFFICE, OFFICER, UrlCase
from units.models import Role

NOT_IN_COMMUNE = {Role.PRINCIPAL, Role.SCHOOL_STAFF, Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF}
NOT_AT_SCHOOL = {Role.CENTRE_DIRECTOR, Role.CENTRE_STAFF}


def _today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def _hamlet(world) -> dict:
    return {"pk": world.hamlet.pk}


def _commune(world) -> dict:
    return {"pk": world.commune.pk}


def _teacher(world):
    """A teacher of school SCH1 who is none of the role users: changing their password or roles
    half-way through the matrix must not log a role user out."""
    if not hasattr(world, "spare_teacher"):
        world.spare_teacher = make_user(Role.SCHOOL_STAFF, world.school, username="spare", full_name="Lý Văn Dự")
    return world.spare_teacher


def _person(world) -> dict:
    return {"pk": _teacher(world).pk}


def _staff_membership(world) -> dict:
    return {"pk": _teacher(world).memberships.get().pk}


CASES = [
    UrlCase("units:tree", ok=OFFICE, outsider=200),
    UrlCase("units:tree", ok=OFFICE, outsider=200, query="?q=dong+da", htmx=True, label="search"),
    UrlCase("units:tree", ok=OFFICE, outsider=200, query="?on=30/06/2025&closed=on&kind=commune", label="past"),
    UrlCase("units:children", kwargs=_commune, ok=OFFICE, hidden=NOT_IN_COMMUNE, htmx=True),
    UrlCase("units:detail", kwargs=_commune, ok=OFFICE, hidden=NOT_IN_COMMUNE),
    UrlCase("units:create", ok=OFFICER, outsider=200),
    # A parent of office A in the query string is not offered to an officer of office B.
    UrlCase(
        "units:create", ok=OFFICER, outsider=200, query=lambda w: f"?parent={w.difficult_commune.pk}", label="parent"
    ),
    UrlCase(
        "units:create",
        ok=OFFICER,
        outsider=200,
        method="post",
        label="post",
        data=lambda w: {
            "kind": "hamlet",
            "parent": w.commune.pk,
            "code": "TH-MOI",
            "name": "Thôn Mới",
            "level_label": "Thôn",
            "valid_from": _today(),
        },
    ),
    UrlCase("units:edit", kwargs=_hamlet, ok=OFFICER, hidden=NOT_IN_COMMUNE),
    # The office's own dates for milestones with no legal source (issue 14).
    UrlCase(
        "units:milestones",
        kwargs=lambda w: {"pk": w.office.pk},
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE | {Role.ASSOCIATION_OFFICER},
    ),
    # Sang năm học mới (issue 16): the officers of the office itself; leaders and viewers read (403).
    UrlCase(
        "units:new_year",
        kwargs=lambda w: {"pk": w.office.pk},
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE | {Role.ASSOCIATION_OFFICER},
    ),
    UrlCase(
        "units:new_year",
        kwargs=lambda w: {"pk": w.office.pk},
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE | {Role.ASSOCIATION_OFFICER},
        method="post",
        label="post",
        data=lambda w: {"confirm": "on"},
    ),
    # The unit's identity on paper (issue 15): set by the officers who manage the unit.
    UrlCase("units:identity", kwargs=_commune, ok=OFFICER, hidden=NOT_IN_COMMUNE),
    UrlCase(
        "units:identity",
        kwargs=_commune,
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE,
        method="post",
        label="post",
        data=lambda w: {
            "official_name": "Ủy ban nhân dân xã Đống Đa",
            "abbreviation": "UBND",
            "place_name": "Đống Đa",
            "head_position": "Chủ tịch",
            "archive": "VT.",
        },
    ),
    UrlCase(
        "units:edit",
        kwargs=_hamlet,
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE,
        method="post",
        label="post",
        data=lambda w: {"code": "TH1", "name": "Thôn Đông", "level_label": "Thôn", "valid_from": "01/01/2000"},
    ),
    UrlCase("units:close", kwargs=_hamlet, ok=OFFICER, hidden=NOT_IN_COMMUNE),
    UrlCase(
        "units:close",
        kwargs=_hamlet,
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE,
        method="post",
        label="post",
        data=lambda w: {"valid_to": _today(), "reason": "Sáp nhập thôn"},
    ),
    UrlCase("units:move", kwargs=_hamlet, ok=OFFICER, hidden=NOT_IN_COMMUNE),
    # A real move would take the hamlet out of the association officer's commune half-way through
    # the matrix; an impossible date exercises the same permission checks (moves: test_views.py).
    UrlCase(
        "units:move",
        kwargs=_hamlet,
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE,
        method="post",
        label="post",
        data=lambda w: {"new_parent": w.difficult_commune.pk, "effective_date": "31/02/2025"},
    ),
    UrlCase("units:merge", ok=OFFICER, outsider=200),
    UrlCase(
        "units:merge",
        ok=OFFICER,
        outsider=200,
        method="post",
        label="preview",
        data=lambda w: {
            "sources": [w.commune.pk, w.difficult_commune.pk],
            "code": "XA-MOI",
            "name": "Hồng Phong",
            "level_label": "Xã",
            "effective_date": "01/07/2025",
        },
    ),
    UrlCase("units:people", ok=OFFICE, outsider=200),
    UrlCase("units:people", ok=OFFICE, outsider=200, query="?q=hieu&role=principal", htmx=True, label="search"),
    # The people of one unit: that unit must be visible (404 otherwise, office B included).
    UrlCase("units:people", ok=OFFICE, hidden=NOT_IN_COMMUNE, query=lambda w: f"?unit={w.commune.pk}", label="unit"),
    UrlCase("units:person_create", ok=OFFICER, outsider=200),
    UrlCase(
        "units:person_create", ok=OFFICER, outsider=200, query=lambda w: f"?unit={w.other_school.pk}", label="unit"
    ),
    UrlCase(
        "units:person_create",
        ok=OFFICER,
        outsider=200,
        method="post",
        label="post",
        data=lambda w: {
            "username": "nguoimoi",
            "full_name": "Người Mới",
            "password1": "Mat-khau-rat-dai-9",
            "password2": "Mat-khau-rat-dai-9",
            "unit": w.school.pk,
            "role": "school_staff",
            "valid_from": _today(),
        },
    ),
    UrlCase("units:person_detail", kwargs=_person, ok=OFFICE, hidden=NOT_AT_SCHOOL),
    UrlCase("units:person_edit", kwargs=_person, ok=OFFICER, hidden=NOT_AT_SCHOOL),
    UrlCase(
        "units:person_edit",
        kwargs=_person,
        ok=OFFICER,
        hidden=NOT_AT_SCHOOL,
        method="post",
        label="post",
        data=lambda w: {"username": "spare", "full_name": "Lý Văn Dự", "is_active": "on"},
    ),
    UrlCase("units:person_password", kwargs=_person, ok=OFFICER, hidden=NOT_AT_SCHOOL),
    UrlCase(
        "units:person_password",
        kwargs=_person,
        ok=OFFICER,
        hidden=NOT_AT_SCHOOL,
        method="post",
        label="post",
        data=lambda w: {"password1": "Mat-khau-rat-dai-9", "password2": "Mat-khau-rat-dai-9"},
    ),
    UrlCase("units:membership_add", ok=OFFICER, outsider=200),
    UrlCase(
        "units:membership_add",
        kwargs=lambda w: {"person": _teacher(w).pk},
        ok=OFFICER,
        hidden=NOT_AT_SCHOOL,
        label="person",
    ),
    UrlCase(
        "units:membership_add",
        kwargs=lambda w: {"unit": w.hamlet.pk},
        ok=OFFICER,
        hidden=NOT_IN_COMMUNE,
        label="unit",
    ),
    UrlCase(
        "units:membership_add",
        kwargs=lambda w: {"person": _teacher(w).pk},
        ok=OFFICER,
        hidden=NOT_AT_SCHOOL,
        method="post",
        label="post",
        data=lambda w: {"unit": w.school.pk, "role": "principal", "valid_from": _today()},
    ),
    UrlCase("units:membership_end", kwargs=_staff_membership, ok=OFFICER, hidden=NOT_AT_SCHOOL),
    UrlCase(
        "units:membership_end",
        kwargs=_staff_membership,
        ok=OFFICER,
        hidden=NOT_AT_SCHOOL,
        method="post",
        label="post",
        data=lambda w: {"valid_to": _today()},
    ),
]


# Bulk onboarding from Excel (issue 16): office officers of the managing unit; a batch of office A
# is 404 for everyone else (it may hold one-time passwords).
def _onboarding_batch(world) -> dict:
    if not hasattr(world, "onboarding_batch"):
        from units.models import OnboardingBatch

        world.onboarding_batch = OnboardingBatch.objects.create(
            root=world.office, created_by=world.officer, file_name="don-vi.xlsx", content=b"", status="checked"
        )
    return {"pk": world.onboarding_batch.pk}


def _onboarding_upload(world) -> dict:
    import io

    from units.onboarding.template import template_workbook

    upload = io.BytesIO(template_workbook(world.office))
    upload.name = "mau.xlsx"
    return {"root": world.office.pk, "file": upload}


ALL_BUT_OFFICER = set(ALL_ROLES) - OFFICER

CASES += [
    UrlCase("units:onboarding", ok=OFFICER, outsider=200),
    UrlCase("units:onboarding", ok=OFFICER, outsider=200, method="post", label="post", data=_onboarding_upload),
    UrlCase("units:onboarding_template", ok=OFFICER, outsider=200),
    UrlCase(
        "units:onboarding_template",
        ok=OFFICER,
        hidden=set(ALL_ROLES) - OFFICE,
        query=lambda w: f"?don_vi={w.office.pk}",
        label="office",
    ),
    UrlCase("units:onboarding_detail", kwargs=_onboarding_batch, ok=OFFICER, hidden=ALL_BUT_OFFICER),
    UrlCase(
        "units:onboarding_commit",
        kwargs=_onboarding_batch,
        ok=OFFICER,
        hidden=ALL_BUT_OFFICER,
        method="post",
        data=lambda w: {},
    ),
    UrlCase("units:onboarding_logins", kwargs=_onboarding_batch, ok=OFFICER, hidden=ALL_BUT_OFFICER),
    UrlCase(
        "units:onboarding_logins",
        kwargs=_onboarding_batch,
        ok=OFFICER,
        hidden=ALL_BUT_OFFICER,
        method="post",
        label="post",
        data=lambda w: {"dang": "trang"},
    ),
]
