"""A report filled offline (issue 16): download the submission as an Excel workbook laid out like
the grid, upload it back. The upload is saved by the grid's own service (`submission_save`), with the
same permission as saving the grid, all or nothing; refused cells are listed by row, column and Excel
address, and nothing is saved."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from documents import xlsx_response

from .. import offline, services
from ..access import get_submission_for_user
from ..formspec import load_form_spec
from .submissions import _grid_context


def submission_offline(request, pk):
    """GET: the workbook of this submission with its current values. POST: the filled workbook."""
    if request.method != "POST":
        submission = get_submission_for_user(request.user, pk)
        spec = load_form_spec(submission.period.form)
        data = offline.build_workbook(submission, spec)
        return xlsx_response(data, f"bao-cao-{submission.period.form.code}-{submission.unit.code}-{submission.pk}.xlsx")
    submission = get_submission_for_user(request.user, pk, write=True)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp Excel đã điền để tải lên."))
        return redirect("reports:submission", submission.pk)
    spec = load_form_spec(submission.period.form)
    try:
        if upload.size > offline.MAX_BYTES:
            raise offline.OfflineRefused(
                _("Tệp quá lớn (tối đa %(max)s MB cho một biểu báo cáo): hãy tải lên đúng tệp đã tải về.")
                % {"max": offline.MAX_BYTES // (1024 * 1024)}
            )
        values = offline.read_workbook(upload.read(), submission, spec)
        if values.formulas:
            raise services.CellErrors(errors=values.formulas)
        services.submission_save(
            actor=request.user,
            submission=submission,
            raw_values=values.raw_values,
            expected_version=values.version,
        )
    except offline.OfflineRefused as exc:
        messages.error(request, str(exc))
    except services.VersionConflict:
        submission.refresh_from_db()
        messages.error(
            request,
            _(
                "Báo cáo đã được lưu sau khi tệp này được tải về (nay là lần lưu thứ %(n)s); chưa nhập gì để không "
                "ghi đè số liệu mới hơn. Hãy tải tệp mới, điền lại phần thay đổi rồi tải lên."
            )
            % {"n": submission.version},
        )
    except services.CellErrors as problems:
        submission.refresh_from_db()
        messages.error(
            request, _("Tệp có ô chưa đúng; chưa nhập gì. Hãy sửa các ô dưới đây trong tệp rồi tải lên lại.")
        )
        context = _grid_context(request, submission, spec=spec, problems=problems)
        context["offline_errors"] = offline.describe_errors(spec, problems.errors)
        return render(request, "reports/submission.html", context, status=400)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã nhập số liệu từ tệp Excel và lưu bản nháp; hãy xem lại rồi nộp."))
    return redirect("reports:submission", submission.pk)
