"""Every URL of the reports core once: who gets 200, 403 or 404 (tests/permission_matrix.py)."""

from reports import services
from reports.models import FormCell, FormColumn, FormRow, FormSection, Notification, ValidationRule
from tests.permission_matrix import CENTRE, EVERYONE, OFFICE, OFFICER, SCHOOL, UrlCase
from units.models import Role

from .helpers import fill_and_submit, make_form, open_period, submission_of

NON_OFFICE = EVERYONE - OFFICE
REVIEWERS = {Role.OFFICE_OFFICER, Role.OFFICE_LEADER}


class _Objects:
    def __init__(self, world):
        self.draft = make_form(world, code="DRAFT", publish=False)
        self.section = self.draft.sections.first()
        self.row = self.draft.rows.get(code="R02")
        self.column = self.draft.columns.get(code="NU")
        self.cell = FormCell.objects.get(form=self.draft, row__code="R05", column__code="TS")
        self.rule = ValidationRule.objects.filter(form=self.draft).first()
        self.period = open_period(world)
        self.school_sub = fill_and_submit(
            submission_of(self.period, world.school), world.principal, {"R01.TS": "10", "R01.NU": "4"}
        )
        self.centre_sub = submission_of(self.period, world.centre)
        self.figure = FormCell.objects.get(form=self.period.form, row__code="R01", column__code="TS")
        self.note = Notification.objects.create(user=world.principal, text="Nhắc nộp", link="/bao-cao/")


def objects(world) -> _Objects:
    if not hasattr(world, "_reports_objects"):
        world._reports_objects = _Objects(world)
    return world._reports_objects


def _pk(attr):
    return lambda w: {"pk": getattr(objects(w), attr).pk}


def _existing(attr, model, make):
    """A delete case deletes the object for the first role allowed; the next role needs another."""

    def kwargs(w):
        obj = getattr(objects(w), attr)
        if not model.objects.filter(pk=obj.pk).exists():
            obj = make(w)
            setattr(objects(w), attr, obj)
        return {"pk": obj.pk}

    return kwargs


def _new_section(w):
    return services.section_add(
        actor=w.officer, form=objects(w).draft, code=f"S{FormSection.objects.count()}", title="Phần"
    )


def _new_row(w):
    o = objects(w)
    return services.row_add(
        actor=w.officer, section=o.draft.sections.first(), code=f"X{FormRow.objects.count()}", label="Dòng"
    )


def _new_column(w):
    return services.column_add(
        actor=w.officer, form=objects(w).draft, code=f"C{FormColumn.objects.count()}", label="Cột"
    )


def _new_rule(w):
    return services.rule_add(
        actor=w.officer,
        form=objects(w).draft,
        left="[R01.NU]",
        operator="<=",
        right="[R01.TS]",
        severity="error",
        message="Nữ ≤ tổng",
    )


def _grid_post(w):
    sub = objects(w).centre_sub
    sub.refresh_from_db()
    return {"version": sub.version, "v:R01.TS": "5", "action": "save"}


def _grid_submit(w):
    return {**_grid_post(w), "action": "submit", "comment": "Đủ số liệu"}


CASES = [
    UrlCase("reports:inbox", ok=EVERYONE, outsider=200),
    UrlCase("reports:notifications", ok=EVERYONE, outsider=200),
    UrlCase(
        "reports:notification_read",
        kwargs=_pk("note"),
        method="post",
        ok={Role.PRINCIPAL},
        hidden=EVERYONE - {Role.PRINCIPAL},
    ),
    # Forms
    UrlCase("reports:form_list", ok=OFFICE, outsider=200),
    UrlCase("reports:form_create", ok=OFFICER, outsider=200),
    UrlCase("reports:form_import", ok=OFFICER, outsider=200),
    UrlCase("reports:form_detail", kwargs=_pk("draft"), ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("reports:form_edit", kwargs=_pk("draft"), ok=OFFICER, hidden=NON_OFFICE),
    UrlCase("reports:form_export", kwargs=_pk("draft"), ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("reports:cell_edit", kwargs=_pk("cell"), ok=OFFICER, hidden=NON_OFFICE),
    UrlCase(
        "reports:section_add",
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"section-code": "III", "section-title": "Phần mới"},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "reports:row_add",
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"row-section": objects(w).section.pk, "row-code": "R99", "row-label": "Chỉ tiêu mới"},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "reports:column_add",
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"column-code": "DT", "column-label": "Dân tộc thiểu số"},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "reports:rule_add",
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {
            "rule-left": "[R02.NU]",
            "rule-operator": "<=",
            "rule-right": "[R02.TS]",
            "rule-severity": "error",
            "rule-message": "Số nữ không vượt tổng số",
        },
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase("reports:form_publish", kwargs=_pk("draft"), method="post", ok=OFFICER, hidden=NON_OFFICE),
    UrlCase("reports:form_new_version", kwargs=_pk("draft"), method="post", ok=OFFICER, hidden=NON_OFFICE),
    UrlCase(
        "reports:section_delete",
        kwargs=_existing("section", FormSection, _new_section),
        method="post",
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "reports:row_delete", kwargs=_existing("row", FormRow, _new_row), method="post", ok=OFFICER, hidden=NON_OFFICE
    ),
    UrlCase(
        "reports:column_delete",
        kwargs=_existing("column", FormColumn, _new_column),
        method="post",
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "reports:rule_delete",
        kwargs=_existing("rule", ValidationRule, _new_rule),
        method="post",
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    # Periods, board, roll-up: office pages; anyone else does not see the period at all.
    UrlCase("reports:period_list", ok=OFFICE, outsider=200),
    UrlCase("reports:period_create", ok=OFFICER, outsider=200),
    UrlCase(
        "reports:period_create",
        ok=OFFICER,
        outsider=200,
        method="post",
        data=lambda w: {
            "form": objects(w).period.form_id,
            "owner": w.office.pk,
            "label": "Kỳ ma trận",
            "start_date": "01/01/2026",
            "end_date": "31/01/2026",
            "open_date": "01/02/2026",
            "due_date": "31/12/2099",
            "lock_date": "31/12/2099",
            "units": [w.school.pk],
        },
        label="post",
    ),
    UrlCase("reports:period_detail", kwargs=_pk("period"), ok=OFFICE, hidden=NON_OFFICE),
    UrlCase("reports:period_units", kwargs=_pk("period"), ok=OFFICE, hidden=NON_OFFICE, query="?state=missing"),
    UrlCase(
        "reports:period_units",
        kwargs=_pk("period"),
        ok=OFFICE,
        hidden=NON_OFFICE,
        query=lambda w: f"?commune={w.commune.pk}",
        label="xã",
    ),
    UrlCase(
        "reports:period_remind",
        kwargs=_pk("period"),
        method="post",
        data=lambda w: {"submission": [objects(w).centre_sub.pk]},
        ok=OFFICER,
        hidden=NON_OFFICE,
    ),
    UrlCase(
        "reports:period_bulk_approve",
        kwargs=_pk("period"),
        method="post",
        data=lambda w: {"submission": [objects(w).school_sub.pk]},
        ok=REVIEWERS,
        hidden=NON_OFFICE,
    ),
    UrlCase("reports:rollup", kwargs=_pk("period"), ok=OFFICE, hidden=NON_OFFICE),
    UrlCase(
        "reports:rollup_cell",
        kwargs=lambda w: {"pk": objects(w).period.pk, "cell_pk": objects(w).figure.pk},
        ok=OFFICE,
        hidden=NON_OFFICE,
    ),
    UrlCase("reports:rollup_document", kwargs=_pk("period"), ok=OFFICE, hidden=NON_OFFICE),
    # One unit's report: the school's people and the office read it; the association of the
    # commune sees its commune; the centre does not see the school at all.
    UrlCase(
        "reports:submission",
        kwargs=_pk("school_sub"),
        ok=OFFICE | SCHOOL | {Role.ASSOCIATION_OFFICER},
        hidden=CENTRE,
    ),
    UrlCase(
        "reports:submission_document",
        kwargs=_pk("school_sub"),
        ok=OFFICE | SCHOOL | {Role.ASSOCIATION_OFFICER},
        hidden=CENTRE,
    ),
    UrlCase(
        "reports:submission",
        label="save",
        kwargs=_pk("centre_sub"),
        method="post",
        data=_grid_post,
        ok=CENTRE,
        hidden=SCHOOL,
    ),
    # Staff prepare, the head sends (issue 17, units.duties.submit_refusal): the centre's director
    # sends its report; centre staff get 403 before anything is saved.
    UrlCase(
        "reports:submission",
        label="submit",
        kwargs=_pk("centre_sub"),
        method="post",
        data=_grid_submit,
        ok={Role.CENTRE_DIRECTOR},
        hidden=SCHOOL,
    ),
    UrlCase(
        "reports:submission_refresh",
        kwargs=_pk("centre_sub"),
        method="post",
        data=lambda w: {"version": type(objects(w).centre_sub).objects.get(pk=objects(w).centre_sub.pk).version},
        ok=CENTRE,
        hidden=SCHOOL,
    ),
    # The report filled offline (issue 16): the workbook for whoever sees the report, the upload for
    # whoever may save its grid (a POST without a file is answered on the report page).
    UrlCase(
        "reports:submission_offline",
        kwargs=_pk("school_sub"),
        ok=OFFICE | SCHOOL | {Role.ASSOCIATION_OFFICER},
        hidden=CENTRE,
    ),
    UrlCase(
        "reports:submission_offline",
        label="upload",
        kwargs=_pk("centre_sub"),
        method="post",
        ok=CENTRE,
        hidden=SCHOOL,
    ),
    UrlCase(
        "reports:submission_approve",
        kwargs=_pk("school_sub"),
        method="post",
        ok=REVIEWERS,
        hidden=CENTRE,
    ),
    UrlCase("reports:submission_return", kwargs=_pk("school_sub"), ok=REVIEWERS, hidden=CENTRE),
    UrlCase("reports:submission_unlock", kwargs=_pk("school_sub"), ok=REVIEWERS, hidden=CENTRE),
]

__all__ = ["CASES", "services"]
