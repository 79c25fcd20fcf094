"""The reports core's writes: workflow, locking, version conflicts, rules, computed cells, versions."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from reports import services
from reports.models import DataValue, Notification, ReportForm, Submission, ValueChange
from reports.providers import register_provider
from units.models import UnitKind, today

from .helpers import fill_and_submit, make_form, open_period, save, small_form_data, submission_of


def _value(submission, key):
    row, col = key.split(".")
    dv = DataValue.objects.filter(submission=submission, cell__row__code=row, cell__column__code=col).first()
    return None if dv is None else (dv.number if dv.number is not None else dv.text)


def _unit_values(unit_ids_to_numbers):
    return lambda units, start, end: {
        u.pk: unit_ids_to_numbers.get(u.code) for u in units if u.code in unit_ids_to_numbers
    }


register_provider(
    "tests.participants", "Người học (thử)", _unit_values({"SCH1": 42, "TT1": 7}), source="Sổ hoạt động (thử)"
)


class TestPeriodOpen:
    def test_it_creates_one_submission_per_expected_unit(self, world):
        period = open_period(world, kinds=[UnitKind.SCHOOL])
        units = set(period.submissions.values_list("unit__code", flat=True))
        assert units == {"SCH1", "SCH2"}

    def test_school_level_narrows_the_schools(self, world):
        form = make_form(world)
        day = today()
        period = services.period_open(
            actor=world.officer,
            form=form,
            owner=world.office,
            label="Kỳ TH",
            start_date=day,
            end_date=day,
            open_date=day,
            due_date=day,
            lock_date=day,
            kinds=[UnitKind.SCHOOL],
            school_levels=["TH"],
        )
        assert list(period.submissions.values_list("unit__code", flat=True)) == ["SCH2"]

    def test_a_due_date_in_the_past_is_refused_with_a_message(self, world):
        with pytest.raises(ValidationError) as exc:
            open_period(
                world, due_date=today() - datetime.timedelta(days=1), open_date=today() - datetime.timedelta(days=5)
            )
        assert "đã qua" in str(exc.value.message_dict["due_date"])

    def test_due_before_open_and_lock_before_due_are_refused(self, world):
        with pytest.raises(ValidationError) as exc:
            open_period(
                world,
                open_date=today() + datetime.timedelta(days=5),
                due_date=today() + datetime.timedelta(days=3),
                lock_date=today() + datetime.timedelta(days=2),
            )
        assert "due_date" in exc.value.message_dict and "lock_date" in exc.value.message_dict

    def test_a_unit_outside_the_subtree_is_refused(self, world):
        form = make_form(world)
        day = today()
        with pytest.raises(ValidationError) as exc:
            services.period_open(
                actor=world.officer,
                form=form,
                owner=world.office,
                label="Kỳ",
                start_date=day,
                end_date=day,
                open_date=day,
                due_date=day,
                lock_date=day,
                units=[world.outsider_school],
            )
        assert "không thuộc phạm vi" in str(exc.value.message_dict["units"])

    def test_a_draft_form_cannot_be_used(self, world):
        with pytest.raises(ValidationError) as exc:
            open_period(world, form=make_form(world, publish=False))
        assert "đã ban hành" in str(exc.value.message_dict["form"])

    def test_cells_with_a_provider_start_filled_and_show_their_source(self, world):
        data = small_form_data()
        data["sections"][0]["rows"][1]["cells"]["TS"]["provider"] = "tests.participants"
        data["sections"][0]["rows"][1]["cells"]["NU"]["provider"] = "not.registered.yet"
        form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
        services.form_publish(actor=world.officer, form=form)
        period = open_period(world, form=form)
        dv = DataValue.objects.get(
            submission__period=period, submission__unit=world.school, cell__row__code="R02", cell__column__code="TS"
        )
        assert dv.number == 42 and dv.from_provider and dv.source == "Sổ hoạt động (thử)"
        assert _value(submission_of(period, world.school), "R02.NU") is None  # unregistered: typed by hand


class TestSaving:
    def test_values_computed_totals_and_history_are_kept(self, world):
        sub = submission_of(open_period(world), world.school)
        save(
            sub,
            world.principal,
            {"R01.TS": "1.200", "R01.NU": "500", "R02.TS": "300", "R02.NU": "100", "R05.TS": "12,5"},
        )
        assert _value(sub, "R01.TS") == 1200
        assert _value(sub, "R03.TS") == 1500  # SUMCOL(TS), computed, never typed
        assert _value(sub, "R04.TS") == Decimal("40.0")  # 600 / 1500 * 100
        assert _value(sub, "R05.TS") == Decimal("12.5")
        save(sub, world.school_staff, {"R01.TS": "1300"})
        change = ValueChange.objects.filter(submission=sub, cell__row__code="R01", cell__column__code="TS").first()
        assert (change.old_value, change.new_value, change.changed_by) == ("1200", "1300", world.school_staff)

    @pytest.mark.parametrize(
        ("raw", "message"),
        [("abc", "không phải là số"), ("-3", "không được âm"), ("1,5", "số nguyên"), ("12a", "không phải là số")],
    )
    def test_bad_numbers_are_refused_and_nothing_is_saved(self, world, raw, message):
        sub = submission_of(open_period(world), world.school)
        with pytest.raises(services.CellErrors) as exc:
            save(sub, world.principal, {"R01.TS": "10", "R02.TS": raw})
        assert message in exc.value.errors["R02.TS"]
        assert _value(sub, "R01.TS") is None
        sub.refresh_from_db()
        assert sub.version == 0

    def test_a_choice_outside_the_list_is_refused(self, world):
        sub = submission_of(open_period(world), world.school)
        with pytest.raises(services.CellErrors) as exc:
            save(sub, world.principal, {"R06.TS": "Xuất sắc"})
        assert "trong danh sách" in exc.value.errors["R06.TS"]

    def test_a_second_save_from_a_stale_page_is_refused(self, world):
        sub = submission_of(open_period(world), world.school)
        page_version = sub.version
        services.submission_save(
            actor=world.principal, submission=sub, raw_values={"R01.TS": "10"}, expected_version=page_version
        )
        with pytest.raises(services.VersionConflict) as exc:
            services.submission_save(
                actor=world.school_staff, submission=sub, raw_values={"R01.TS": "99"}, expected_version=page_version
            )
        assert "người khác lưu" in exc.value.messages[0]
        assert _value(sub, "R01.TS") == 10

    def test_after_the_lock_date_nobody_can_save(self, world):
        period = open_period(world)
        sub = submission_of(period, world.school)
        type(period).objects.filter(pk=period.pk).update(lock_date=today() - datetime.timedelta(days=1))
        with pytest.raises(ValidationError, match="khóa sổ"):
            save(sub, world.principal, {"R01.TS": "1"})


class TestWorkflow:
    def test_submit_return_fix_resubmit_approve(self, world):
        sub = submission_of(open_period(world), world.school)
        sub = fill_and_submit(sub, world.principal, {"R01.TS": "10", "R01.NU": "4"})
        assert sub.status == Submission.Status.SUBMITTED and sub.submitted_by == world.principal
        assert Notification.objects.filter(user=world.officer, text__contains="đã nộp báo cáo").exists()
        with pytest.raises(ValidationError, match="khóa"):
            save(sub, world.principal, {"R01.TS": "11"})
        with pytest.raises(ValidationError):
            services.submission_return(actor=world.officer, submission=sub, reason="  ")
        services.submission_return(actor=world.officer, submission=sub, reason="Thiếu số liệu lớp tin học")
        sub.refresh_from_db()
        assert sub.status == Submission.Status.RETURNED and sub.return_reason == "Thiếu số liệu lớp tin học"
        assert Notification.objects.filter(user=world.principal, text__contains="Thiếu số liệu").exists()
        first = sub.first_submitted_at
        sub = fill_and_submit(sub, world.principal, {"R02.TS": "5"})
        assert sub.first_submitted_at == first  # timeliness counts the first sending
        services.submission_approve(actor=world.officer, submission=sub)
        sub.refresh_from_db()
        assert sub.status == Submission.Status.APPROVED and sub.reviewed_by == world.officer

    def test_error_rules_and_missing_required_cells_block_submission(self, world):
        sub = submission_of(open_period(world), world.school)
        sub = save(sub, world.principal, {"R02.TS": "5", "R02.NU": "9"})
        with pytest.raises(services.CellErrors) as exc:
            services.submission_submit(actor=world.principal, submission=sub, expected_version=sub.version)
        assert exc.value.errors["R01.TS"] == "Ô bắt buộc, chưa nhập."
        assert "Số nữ lớp tin học không được lớn hơn tổng số." in exc.value.general
        sub.refresh_from_db()
        assert sub.status == Submission.Status.DRAFT

    def test_a_warning_needs_a_written_explanation(self, world):
        sub = submission_of(open_period(world), world.school)
        sub = save(sub, world.principal, {"R01.TS": "5", "R05.TS": "2000000"}, comment="")
        with pytest.raises(services.CellErrors) as exc:
            services.submission_submit(actor=world.principal, submission=sub, expected_version=sub.version)
        assert exc.value.warnings["R05.TS"] == "Kinh phí lớn bất thường."
        sub = services.submission_submit(
            actor=world.principal, submission=sub, expected_version=sub.version, comment="Có dự án tài trợ."
        )
        assert sub.status == Submission.Status.SUBMITTED

    def test_unlock_needs_a_reason_and_reopens_the_report(self, world):
        sub = fill_and_submit(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "3"})
        services.submission_approve(actor=world.officer, submission=sub)
        with pytest.raises(ValidationError):
            services.submission_unlock(actor=world.officer, submission=sub, reason="")
        services.submission_unlock(actor=world.officer, submission=sub, reason="Sửa số kinh phí theo quyết toán")
        sub.refresh_from_db()
        assert sub.status == Submission.Status.RETURNED
        assert save(sub, world.principal, {"R05.TS": "100"}).version > 0

    def test_only_waiting_reports_are_bulk_approved(self, world):
        period = open_period(world)
        waiting = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "1"})
        draft = submission_of(period, world.centre)
        count = services.submission_bulk_approve(actor=world.leader, submissions=[waiting, draft])
        assert count == 1
        assert Submission.objects.get(pk=draft.pk).status == Submission.Status.DRAFT

    def test_reminders_reach_the_people_of_missing_units_in_the_portal_and_by_email(
        self, world, django_capture_on_commit_callbacks
    ):
        period = open_period(world)
        fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "1"})
        world.director.email = "giamdoc@example.org"
        world.director.save()
        with django_capture_on_commit_callbacks(execute=True):
            reminded = services.period_remind(
                actor=world.officer, period=period, submissions=list(period.submissions.all())
            )
        assert reminded.people == 3  # director and centre staff of TT1, principal of SCH2; SCH1 has sent
        assert not Notification.objects.filter(user=world.principal).exists()
        assert Notification.objects.filter(user=world.other_principal, text__contains="hạn nộp").exists()
        assert [m.to for m in mail.outbox] == [["giamdoc@example.org"]]
        assert "Nhắc nộp báo cáo" in mail.outbox[0].subject


class TestFormVersions:
    def test_a_published_form_cannot_be_edited(self, world):
        form = make_form(world)
        with pytest.raises(ValidationError, match="phiên bản mới"):
            services.section_add(actor=world.officer, form=form, code="X", title="Thêm")

    def test_a_new_version_leaves_past_values_untouched(self, world):
        form = make_form(world)
        period = open_period(world, form=form)
        sub = fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "10", "R01.NU": "4"})
        new = services.form_new_version(actor=world.officer, form=form)
        assert (new.version, new.status, new.code) == (2, ReportForm.Status.DRAFT, form.code)
        row = new.rows.get(code="R01")
        services.cell_update(actor=world.officer, cell=row.cells.get(column__code="TS"), type="decimal")
        services.row_add(actor=world.officer, section=new.sections.first(), code="R08", label="Lớp ngoại ngữ")
        assert _value(sub, "R01.TS") == 10
        assert form.rows.count() == 7 and new.rows.count() == 8
        assert period.form_id == form.pk

    def test_a_formula_naming_a_missing_cell_is_refused(self, world):
        form = make_form(world, publish=False)
        cell = form.cells.get(row__code="R05", column__code="TS")
        with pytest.raises(ValidationError) as exc:
            services.cell_update(actor=world.officer, cell=cell, type="computed", formula="[R99.TS] + 1")
        assert "[R99.TS]" in str(exc.value.message_dict["formula"])

    def test_a_cell_used_by_a_formula_cannot_be_deleted(self, world):
        form = make_form(world, publish=False)
        with pytest.raises(ValidationError, match="đang được dùng"):
            services.column_delete(actor=world.officer, column=form.columns.get(code="NU"))

    def test_export_then_import_in_another_office_gives_the_same_form(self, world):
        form = make_form(world)
        data = services.form_to_dict(form)
        copy = services.form_create_from_dict(actor=world.outsider_officer, owner=world.other_office, data=data)
        assert services.form_to_dict(copy) == data
        assert copy.owner == world.other_office and copy.version == 1

    def test_a_broken_import_file_lists_every_problem(self, world):
        data = small_form_data()
        data["columns"].append({"code": "TS", "label": "Trùng"})
        data["sections"][0]["rows"][0]["cells"]["TS"]["type"] = "số"
        data["rules"][0]["operator"] = "≈"
        with pytest.raises(ValidationError) as exc:
            services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
        text = " ".join(exc.value.messages)
        assert "Mã cột TS bị trùng" in text and "[R01.TS] có kiểu không hợp lệ" in text and "Quy tắc thứ 1" in text
        assert not ReportForm.objects.exists()


def test_standard_forms_load_once_and_are_published(db):
    created, kept = services.standard_forms_load()
    assert {f.code for f in created} == {"TTHTCD-NAM", "TRUONG-GDTX", "HTSD-TUAN", "NGAY-SACH"}
    assert all(f.is_published for f in created)
    again, kept = services.standard_forms_load()
    assert again == [] and len(kept) == 4
    tthtcd = ReportForm.objects.get(code="TTHTCD-NAM")
    assert (
        tthtcd.cells.filter(provider="centers.funding.total").exists()
        or tthtcd.cells.filter(provider__startswith="centers.").exists()
    )


LIVE = {"SCH1": 5}
register_provider("tests.live", "Số lớp (thay đổi)", lambda units, s, e: {u.pk: LIVE.get(u.code) for u in units})


def test_refreshing_from_providers_updates_their_numbers_but_keeps_typed_ones(world):
    LIVE["SCH1"] = 5
    data = small_form_data()
    data["sections"][0]["rows"][1]["cells"]["TS"]["provider"] = "tests.live"
    form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
    services.form_publish(actor=world.officer, form=form)
    sub = submission_of(open_period(world, form=form), world.school)
    assert _value(sub, "R02.TS") == 5
    LIVE["SCH1"] = 8
    count = services.submission_refresh_from_providers(actor=world.principal, submission=sub, expected_version=0)
    assert count == 1 and _value(sub, "R02.TS") == 8 and _value(sub, "R03.TS") == 8
    assert ValueChange.objects.get(submission=sub).note.startswith("Cập nhật từ")
    save(sub, world.principal, {"R02.TS": "10"})
    LIVE["SCH1"] = 12
    sub.refresh_from_db()
    assert (
        services.submission_refresh_from_providers(actor=world.principal, submission=sub, expected_version=sub.version)
        == 0
    )
    assert _value(sub, "R02.TS") == 10


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sections"][0].update(rows="abc"), "danh sách chỉ tiêu không hợp lệ"),
        (lambda d: d["sections"][0]["rows"][0].update(cells=["TS"]), "danh sách ô không hợp lệ"),
        (lambda d: d["sections"][0]["rows"][0].update(label="x" * 300), "quá dài"),
        (lambda d: d.update(rules={"a": 1}), "Danh sách quy tắc không hợp lệ"),
        (lambda d: d["rules"][0].update(left=5), "Quy tắc thứ 1"),
        (lambda d: d["sections"][0]["rows"][2]["cells"]["TS"].update(formula=["SUMCOL(TS)"]), "không hợp lệ"),
    ],
)
def test_odd_import_files_get_a_message_not_an_error_page(world, change, message):
    data = small_form_data()
    change(data)
    with pytest.raises(ValidationError) as exc:
        services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
    assert message in " ".join(exc.value.messages)


def test_a_computed_value_too_large_to_store_stays_blank(world):
    sub = submission_of(open_period(world), world.school)
    save(sub, world.principal, {"R01.TS": "999999999999999", "R02.TS": "999999999999999"})
    assert _value(sub, "R01.TS") == Decimal("999999999999999")
    assert _value(sub, "R03.TS") is None  # the sum would not fit the column
