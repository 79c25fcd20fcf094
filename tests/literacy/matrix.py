"""Every literacy URL once (tests/permission_matrix.py). Data: tests/literacy/fixtures.literacy_world —
TH1 is surveyed by SCH1, a second hamlet by TT1; the class is run by TT1."""

import itertools

from tests.literacy.fixtures import fresh_assignment, fresh_enrolment, literacy_world
from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from units.models import Role

ASSOC = {Role.ASSOCIATION_OFFICER}


def _round(world):
    return {"pk": literacy_world(world).round.pk}


def _household(world):
    return {"pk": literacy_world(world).household.pk}


def _person(world):
    return {"pk": literacy_world(world).person.pk}


def _class(world):
    return {"pk": literacy_world(world).literacy_class.pk}


def _today():
    from units.calendar import today

    return f"{today():%d/%m/%Y}"


def _dropped(world):
    from literacy import class_ops
    from units.calendar import today

    enrolment = fresh_enrolment(world)
    class_ops.dropout_record(actor=None, enrolment=enrolment, date=today(), reason="family")
    return {"pk": enrolment.pk}


def _batch(world):
    return {"pk": literacy_world(world).batch.pk}


_profile_numbers = itertools.count(1)


def _profile(world):
    from literacy import mapping_profiles
    from literacy.household_import.national import NATIONAL_MAPPING

    name = f"Mẫu xã {next(_profile_numbers)}"
    return {
        "pk": mapping_profiles.profile_save(actor=None, office=world.office, name=name, mapping=NATIONAL_MAPPING).pk
    }


def _commune(world):
    literacy_world(world)
    return {"pk": world.commune.pk}


HOUSEHOLD_READERS = OFFICE | SCHOOL | ASSOC
HOUSEHOLD_WRITERS = OFFICER | SCHOOL
CLASS_READERS = OFFICE | CENTRE | ASSOC
CLASS_WRITERS = OFFICER | CENTRE

CASES = [
    UrlCase("literacy:index", ok=EVERYONE, outsider=200, label="with data", kwargs=lambda w: literacy_world(w) and {}),
    UrlCase(
        "literacy:settings",
        kwargs=lambda w: {"pk": w.office.pk},
        ok=OFFICE,
        hidden=EVERYONE - OFFICE,
    ),
    UrlCase(
        "literacy:settings",
        label="post",
        method="post",
        kwargs=lambda w: {"pk": w.office.pk},
        data=lambda w: {"exempt_leave_denominator": "on", "age_method": "birth_year"},
        ok=OFFICER,
        hidden=EVERYONE - OFFICE,
    ),
    UrlCase("literacy:round_create", ok=OFFICER, outsider=200),
    UrlCase("literacy:round_detail", kwargs=_round, ok=EVERYONE),
    UrlCase("literacy:round_status", method="post", kwargs=_round, data=lambda w: {"status": "open"}, ok=OFFICER),
    UrlCase(
        "literacy:assignment_add",
        method="post",
        kwargs=_round,
        data=lambda w: {"hamlet": w.hamlet.pk, "unit": w.school.pk},
        ok=OFFICER,
    ),
    UrlCase("literacy:assignment_delete", method="post", kwargs=lambda w: {"pk": fresh_assignment(w).pk}, ok=OFFICER),
    # The survey form of TH1 (surveyed by SCH1): the centre (assigned TH2) gets 404.
    UrlCase(
        "literacy:survey_form",
        kwargs=lambda w: {"pk": literacy_world(w).round.pk, "hamlet": w.hamlet.pk},
        ok=EVERYONE - CENTRE,
        hidden=CENTRE,
    ),
    UrlCase("literacy:household_list", kwargs=_round, ok=EVERYONE),
    # Filtered by a hamlet: only one the user may read (their scope, or assigned to their school);
    # TH1 is surveyed by SCH1, so the centre (assigned TH2) gets 404, not the hamlet's name.
    UrlCase(
        "literacy:household_list",
        kwargs=_round,
        ok=EVERYONE - CENTRE,
        hidden=CENTRE,
        query=lambda w: f"?thon={w.hamlet.pk}",
        label="thôn",
    ),
    UrlCase("literacy:household_create", kwargs=_round, ok=OFFICER | SCHOOL | CENTRE),
    UrlCase("literacy:duplicates", kwargs=_round, ok=EVERYONE),
    UrlCase("literacy:relapses", kwargs=_round, ok=EVERYONE),
    UrlCase("literacy:household_detail", kwargs=_household, ok=HOUSEHOLD_READERS, hidden=CENTRE),
    UrlCase("literacy:household_edit", kwargs=_household, ok=HOUSEHOLD_WRITERS, hidden=CENTRE),
    UrlCase("literacy:person_create", kwargs=_household, ok=HOUSEHOLD_WRITERS, hidden=CENTRE),
    UrlCase("literacy:person_edit", kwargs=_person, ok=HOUSEHOLD_WRITERS, hidden=CENTRE),
    UrlCase(
        "literacy:duplicate_resolve",
        method="post",
        kwargs=_person,
        data=lambda w: {"action": "distinct"},
        ok=HOUSEHOLD_WRITERS,
        hidden=CENTRE,
    ),
    # Office B has no open survey round: nothing to import into, so 403 for its officer and principal.
    UrlCase(
        "literacy:import_start",
        ok=OFFICER | SCHOOL | CENTRE,
        outsider=200,
        outsider_status={Role.OFFICE_OFFICER: 403, Role.PRINCIPAL: 403},
        kwargs=lambda w: literacy_world(w) and {},
    ),
    UrlCase("literacy:import_template", ok=EVERYONE, outsider=200),
    # The template with a commune's hamlets: office A's commune is 404 for office B.
    UrlCase(
        "literacy:import_template",
        kwargs=lambda w: literacy_world(w) and {},
        query=lambda w: f"?tai=1&xa={w.commune.pk}",
        ok=EVERYONE,
        label="xa",
    ),
    UrlCase("literacy:import_detail", kwargs=_batch, ok=OFFICE | ASSOC, hidden=SCHOOL | CENTRE),
    UrlCase("literacy:import_commit", method="post", kwargs=_batch, ok=OFFICER, hidden=SCHOOL | CENTRE),
    # Issue 16: the column mapping step, the office's mapping profiles, the register written back out.
    UrlCase("literacy:import_mapping", kwargs=_batch, ok=OFFICER, hidden=SCHOOL | CENTRE),
    UrlCase(
        "literacy:profile_list",
        ok=OFFICER,
        outsider=200,
        outsider_status={Role.PRINCIPAL: 403},
    ),
    UrlCase("literacy:national_profile_export", ok=EVERYONE, outsider=200),
    UrlCase("literacy:profile_edit", kwargs=_profile, ok=OFFICER, hidden=EVERYONE - OFFICER),
    UrlCase("literacy:profile_delete", kwargs=_profile, ok=OFFICER, hidden=EVERYONE - OFFICER),
    UrlCase(
        "literacy:profile_delete", label="post", method="post", kwargs=_profile, ok=OFFICER, hidden=EVERYONE - OFFICER
    ),
    UrlCase("literacy:profile_export", kwargs=_profile, ok=OFFICER, hidden=EVERYONE - OFFICER),
    UrlCase(
        "literacy:register_export",
        kwargs=lambda w: {"pk": literacy_world(w).round.pk, "commune": w.commune.pk},
        ok=EVERYONE,
    ),
    UrlCase("literacy:class_list", ok=EVERYONE, outsider=200),
    UrlCase("literacy:class_create", ok=OFFICER | SCHOOL | CENTRE, outsider=200),
    # Run by TT1 of office A: an officer of office B gets the form back with an error, no class.
    UrlCase(
        "literacy:class_create",
        ok=OFFICER | SCHOOL | CENTRE,
        outsider=200,
        method="post",
        data=lambda w: {"name": "Lớp XMC mới", "run_by": w.centre.pk, "stage": "1", "start_date": "01/11/2026"},
        label="post",
    ),
    UrlCase(
        "literacy:household_create",
        kwargs=_round,
        ok=OFFICER | SCHOOL | CENTRE,
        method="post",
        data=lambda w: {"hamlet": w.hamlet.pk, "code": "HO777", "head_name": "Lường Văn Mới", "residence": "permanent"},
        label="post",
    ),
    UrlCase("literacy:class_detail", kwargs=_class, ok=CLASS_READERS, hidden=SCHOOL),
    UrlCase("literacy:class_edit", kwargs=_class, ok=CLASS_WRITERS, hidden=SCHOOL),
    UrlCase(
        "literacy:class_enrol",
        method="post",
        kwargs=_class,
        data=lambda w: {"person": [literacy_world(w).other_person.pk]},
        ok=CLASS_WRITERS,
        hidden=SCHOOL,
    ),
    UrlCase("literacy:results_grid", kwargs=_class, ok=CLASS_READERS, hidden=SCHOOL),
    UrlCase(
        "literacy:results_grid",
        method="post",
        kwargs=_class,
        data=lambda w: {f"r-{literacy_world(w).enrolment.pk}-1": "H"},
        ok=CLASS_WRITERS,
        hidden=SCHOOL,
        label="save",
    ),
    UrlCase("literacy:attendance", kwargs=_class, ok=CLASS_READERS, hidden=SCHOOL),
    UrlCase("literacy:closing_report", kwargs=_class, ok=CLASS_READERS, hidden=SCHOOL),
    UrlCase(
        "literacy:attendance",
        method="post",
        kwargs=_class,
        data=lambda w: {"date": _today(), "present": [literacy_world(w).enrolment.pk]},
        ok=CLASS_WRITERS,
        hidden=SCHOOL,
        label="save",
    ),
    UrlCase("literacy:dropout", kwargs=lambda w: {"pk": fresh_enrolment(w).pk}, ok=CLASS_WRITERS, hidden=SCHOOL),
    UrlCase(
        "literacy:dropout",
        method="post",
        kwargs=lambda w: {"pk": fresh_enrolment(w).pk},
        data=lambda w: {"date": _today(), "reason": "work"},
        ok=CLASS_WRITERS,
        hidden=SCHOOL,
        label="save",
    ),
    UrlCase("literacy:dropout_reverse", method="post", kwargs=_dropped, ok=OFFICER, hidden=SCHOOL),
    UrlCase(
        "literacy:enrolment_result",
        method="post",
        kwargs=lambda w: {"pk": literacy_world(w).enrolment.pk},
        data=lambda w: {"term": 1, "result": "HT"},
        ok=CLASS_WRITERS,
        hidden=SCHOOL,
    ),
    UrlCase(
        "literacy:enrolment_remove",
        method="post",
        kwargs=lambda w: {"pk": fresh_enrolment(w).pk},
        ok=CLASS_WRITERS,
        hidden=SCHOOL,
    ),
    UrlCase("literacy:standard", kwargs=lambda w: {"pk": w.office.pk}, ok=OFFICE, hidden=EVERYONE - OFFICE),
    UrlCase("literacy:standard", label="commune", kwargs=_commune, ok=OFFICE | ASSOC, hidden=SCHOOL | CENTRE),
    UrlCase(
        "literacy:name_list",
        kwargs=lambda w: {**_commune(w), "level": 1},
        ok=OFFICE | ASSOC,
        hidden=SCHOOL | CENTRE,
    ),
]


# The recognition dossier (issue 18) -------------------------------------------------------------
def _dossier(world, status="submitted"):
    """A dossier of office A's commune in the given state (made directly: the matrix world's
    register need not meet the level; the services' refusals answer 200 with a message)."""
    from literacy.models import RecognitionDossier

    dossier, _new = RecognitionDossier.objects.get_or_create(
        commune=world.commune,
        year=2025,
        level=1 if status == "submitted" else 2,
        defaults={"office": world.office, "status": status, "checked_figures": FIGURES},
    )
    return {"pk": dossier.pk}


NON_OFFICE = EVERYONE - OFFICE
FIGURES = {
    "age_from": 15,
    "age_to": 35,
    "population": 10,
    "exempt": 0,
    "literate": 9,
    "rate": 90.0,
    "met": True,
    "level": 1,
    "year": 2025,
    "round": "Đợt 1",
}

CASES += [
    UrlCase("literacy:dossier_list", ok=OFFICE, outsider=200),
    UrlCase(
        "literacy:dossier_create",
        method="post",
        data=lambda w: {"commune": w.commune.pk, "year": 2025, "level": 1},
        ok=OFFICER,
        outsider=200,
    ),
    UrlCase("literacy:dossier_detail", kwargs=_dossier, ok=OFFICE, hidden=NON_OFFICE),
    UrlCase(
        "literacy:dossier_submit", kwargs=_dossier, method="post", data=lambda w: {}, ok=OFFICER, hidden=NON_OFFICE
    ),
    UrlCase(
        "literacy:dossier_return",
        kwargs=_dossier,
        method="post",
        data=lambda w: {"reason": ""},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "literacy:dossier_check",
        kwargs=_dossier,
        method="post",
        data=lambda w: {"checked_on": ""},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "literacy:dossier_recognise",
        kwargs=lambda w: _dossier(w, "checked"),
        method="post",
        data=lambda w: {"number": "", "date": ""},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "literacy:dossier_document",
        kwargs=lambda w: {**_dossier(w, "checked"), "slug": "bien-ban-kiem-tra"},
        ok=OFFICE,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "literacy:dossier_docx",
        kwargs=lambda w: {**_dossier(w, "checked"), "slug": "quyet-dinh"},
        ok=OFFICE,
        hidden=NON_OFFICE,
    ),
]
