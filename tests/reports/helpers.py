"""Report forms, periods and submissions for tests, built through the services as users would."""

import datetime

from reports import services
from reports.models import ReportForm, Submission
from units.models import UnitKind, today


def small_form_data(code="TEST-FORM") -> dict:
    """Two sections; classes with total / women / ethnic columns, a computed total row and a rate."""
    i, c = "integer", "computed"
    return {
        "format": services.EXPORT_FORMAT,
        "format_version": 1,
        "code": code,
        "title": "Biểu thử nghiệm",
        "columns": [{"code": "TS", "label": "Tổng số"}, {"code": "NU", "label": "Nữ"}],
        "sections": [
            {
                "code": "I",
                "title": "Người học",
                "rows": [
                    {
                        "code": "R01",
                        "label": "Lớp pháp luật",
                        "cells": {"TS": {"type": i, "required": True}, "NU": {"type": i}},
                    },
                    {"code": "R02", "label": "Lớp tin học", "cells": {"TS": {"type": i}, "NU": {"type": i}}},
                    {
                        "code": "R03",
                        "label": "Cộng",
                        "total": True,
                        "cells": {
                            "TS": {"type": c, "formula": "SUMCOL(TS)"},
                            "NU": {"type": c, "formula": "SUMCOL(NU)"},
                        },
                    },
                    {
                        "code": "R04",
                        "label": "Tỉ lệ nữ",
                        "cells": {"TS": {"type": c, "formula": "ROUND([R03.NU] / [R03.TS] * 100, 1)"}},
                    },
                ],
            },
            {
                "code": "II",
                "title": "Khác",
                "rows": [
                    {"code": "R05", "label": "Kinh phí", "cells": {"TS": {"type": "decimal"}}},
                    {
                        "code": "R06",
                        "label": "Đánh giá",
                        "cells": {"TS": {"type": "choice", "choices": ["Tốt", "Khá"]}},
                    },
                    {"code": "R07", "label": "Ghi chú", "cells": {"TS": {"type": "text"}}},
                ],
            },
        ],
        "rules": [
            {
                "left": "[R01.NU]",
                "operator": "<=",
                "right": "[R01.TS]",
                "severity": "error",
                "message": "Số nữ lớp pháp luật không được lớn hơn tổng số.",
            },
            {
                "left": "[R02.NU]",
                "operator": "<=",
                "right": "[R02.TS]",
                "severity": "error",
                "message": "Số nữ lớp tin học không được lớn hơn tổng số.",
            },
            {
                "left": "[R05.TS]",
                "operator": "<=",
                "right": "1000000",
                "severity": "warning",
                "message": "Kinh phí lớn bất thường.",
            },
        ],
    }


def make_form(world, *, code="TEST-FORM", publish=True) -> ReportForm:
    form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=small_form_data(code))
    if publish:
        services.form_publish(actor=world.officer, form=form)
    return form


def open_period(
    world, form=None, *, kinds=(UnitKind.SCHOOL, UnitKind.CENTRE), owner=None, label="Năm học 2025-2026", **dates
):
    form = form or make_form(world)
    day = today()
    defaults = {
        "start_date": day - datetime.timedelta(days=200),
        "end_date": day,
        "open_date": day - datetime.timedelta(days=1),
        "due_date": day + datetime.timedelta(days=10),
        "lock_date": day + datetime.timedelta(days=40),
    }
    defaults.update(dates)
    return services.period_open(
        actor=world.officer, form=form, owner=owner or world.office, label=label, kinds=list(kinds), **defaults
    )


def submission_of(period, unit) -> Submission:
    return Submission.objects.select_related("period", "period__form", "unit").get(period=period, unit=unit)


def save(submission, actor, values: dict, **kwargs) -> Submission:
    submission.refresh_from_db()
    return services.submission_save(
        actor=actor, submission=submission, raw_values=values, expected_version=submission.version, **kwargs
    )


def fill_and_submit(submission, actor, values: dict, **kwargs) -> Submission:
    submission = save(submission, actor, values, **kwargs)
    return services.submission_submit(actor=actor, submission=submission, expected_version=submission.version)
