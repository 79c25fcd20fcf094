"""The reports pages as people use them: Vietnamese messages, nothing lost, constant query counts."""

import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import services
from reports.models import ReportForm, ReportingPeriod, Submission
from tests.factories import make_unit, make_user
from units.models import Role, UnitKind, today

from .helpers import fill_and_submit, make_form, open_period, save, small_form_data, submission_of


def _grid(client, sub, values, action="save", version=None, comment=""):
    sub.refresh_from_db()
    data = {"version": sub.version if version is None else version, "action": action, "comment": comment}
    data.update({f"v:{k}": v for k, v in values.items()})
    return client.post(reverse("reports:submission", args=[sub.pk]), data)


class TestEntryGrid:
    def test_the_grid_looks_like_the_form_and_offers_draft_and_submit(self, world, login):
        sub = submission_of(open_period(world), world.school)
        html = login(world.principal).get(reverse("reports:submission", args=[sub.pk])).content.decode()
        assert "Người học" in html and "Lớp pháp luật" in html and 'name="v:R01.TS"' in html
        assert "Lưu nháp" in html and "Nộp báo cáo" in html
        assert 'data-computed="R03.TS"' in html  # the total is computed, never typed

    def test_text_in_a_number_cell_is_refused_and_everything_typed_is_shown_again(self, world, login):
        sub = submission_of(open_period(world), world.school)
        response = _grid(login(world.principal), sub, {"R01.TS": "12", "R02.TS": "mười"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "“mười” không phải là số." in html
        assert 'value="mười"' in html and 'value="12"' in html
        assert not sub.values.exists()

    def test_a_second_save_from_a_stale_page_is_refused_and_the_typed_values_stay(self, world, login, client):
        sub = submission_of(open_period(world), world.school)
        stale = sub.version
        save(sub, world.school_staff, {"R01.TS": "10"})
        response = _grid(login(world.principal), sub, {"R01.TS": "77"}, version=stale)
        html = response.content.decode()
        assert response.status_code == 409
        assert "vừa được người khác lưu" in html
        assert 'value="77"' in html
        sub.refresh_from_db()
        assert sub.values.get(cell__row__code="R01", cell__column__code="TS").number == 10

    def test_submit_lists_the_errors_next_to_the_cells(self, world, login):
        sub = submission_of(open_period(world), world.school)
        response = _grid(login(world.principal), sub, {"R01.TS": "5", "R01.NU": "8"}, action="submit")
        html = response.content.decode()
        assert response.status_code == 400
        assert "Chưa nộp được vì" in html and "Số nữ lớp pháp luật không được lớn hơn tổng số." in html
        assert "is-invalid" in html
        sub.refresh_from_db()
        assert sub.status == Submission.Status.DRAFT and sub.version == 1  # the draft itself was saved

    def test_submit_then_the_page_is_locked(self, world, login):
        sub = submission_of(open_period(world), world.school)
        client = login(world.principal)
        response = _grid(client, sub, {"R01.TS": "5", "R01.NU": "2"}, action="submit")
        assert response.status_code == 302
        html = client.get(reverse("reports:submission", args=[sub.pk])).content.decode()
        assert "Đã nộp, chờ duyệt" in html and 'name="v:R01.TS"' not in html

    def test_a_prefilled_value_shows_where_it_came_from(self, world, login):
        from reports.providers import register_provider

        register_provider(
            "tests.views.classes", "Số lớp (thử)", lambda u, s, e: {x.pk: 3 for x in u}, source="Sổ lớp học"
        )
        data = small_form_data()
        data["sections"][0]["rows"][1]["cells"]["TS"]["provider"] = "tests.views.classes"
        form = services.form_create_from_dict(actor=world.officer, owner=world.office, data=data)
        services.form_publish(actor=world.officer, form=form)
        sub = submission_of(open_period(world, form=form), world.school)
        html = login(world.principal).get(reverse("reports:submission", args=[sub.pk])).content.decode()
        assert "Sổ lớp học" in html and 'value="3"' in html

    def test_history_shows_who_changed_what(self, world, login):
        sub = submission_of(open_period(world), world.school)
        save(sub, world.principal, {"R01.TS": "5"})
        save(sub, world.school_staff, {"R01.TS": "6"})
        html = login(world.officer).get(reverse("reports:submission", args=[sub.pk])).content.decode()
        assert "Lịch sử sửa số liệu" in html and "Hoàng Văn Giáo" in html


class TestReview:
    def test_return_needs_a_reason_then_the_unit_sees_it(self, world, login):
        sub = fill_and_submit(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "1"})
        client = login(world.officer)
        url = reverse("reports:submission_return", args=[sub.pk])
        assert "Hãy ghi lý do." in client.post(url, {"reason": ""}).content.decode()
        assert client.post(url, {"reason": "Thiếu lớp tin học"}).status_code == 302
        html = login(world.principal).get(reverse("reports:inbox")).content.decode()
        assert "Bị trả lại" in html and "Thiếu lớp tin học" in html

    def test_the_viewer_reads_but_cannot_approve(self, world, login):
        sub = fill_and_submit(submission_of(open_period(world), world.school), world.principal, {"R01.TS": "1"})
        client = login(world.viewer)
        assert client.get(reverse("reports:submission", args=[sub.pk])).status_code == 200
        assert client.post(reverse("reports:submission_approve", args=[sub.pk])).status_code == 403

    def test_a_principal_of_another_school_gets_404(self, world, login):
        sub = submission_of(open_period(world), world.school)
        assert login(world.other_principal).get(reverse("reports:submission", args=[sub.pk])).status_code == 404


class TestInboxAndBoard:
    def test_the_inbox_says_how_many_days_are_left_or_late(self, world, login):
        open_period(world, label="Kỳ còn hạn")
        late = open_period(world, label="Kỳ quá hạn")
        ReportingPeriod.objects.filter(pk=late.pk).update(due_date=today() - datetime.timedelta(days=2))
        html = login(world.principal).get(reverse("reports:inbox")).content.decode()
        assert "còn 10 ngày" in html and "quá hạn 2 ngày" in html

    def test_the_board_shows_on_time_and_links_to_missing_units(self, world, login):
        period = open_period(world)
        fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "1"})
        client = login(world.officer)
        html = client.get(reverse("reports:period_detail", args=[period.pk])).content.decode()
        assert 'data-testid="on-time">1<' in html and "Xem đơn vị chưa nộp" in html
        html = client.get(reverse("reports:period_units", args=[period.pk]) + "?state=missing").content.decode()
        assert "TTHTCĐ xã Đống Đa" in html and "Trường THCS Đống Đa" not in html

    def test_reminder_from_the_board(self, world, login):
        period = open_period(world)
        response = login(world.officer).post(
            reverse("reports:period_remind", args=[period.pk]), {"all": "missing"}, follow=True
        )
        assert "Đã gửi nhắc nhở" in response.content.decode()
        assert world.director.notifications.count() == 1

    def test_the_rollup_page_shows_the_sum_and_links_to_the_units(self, world, login):
        period = open_period(world)
        fill_and_submit(submission_of(period, world.school), world.principal, {"R01.TS": "1200"})
        fill_and_submit(submission_of(period, world.centre), world.director, {"R01.TS": "34"})
        html = login(world.officer).get(reverse("reports:rollup", args=[period.pk])).content.decode()
        assert "1.234" in html and "tổng hợp 2 báo cáo" in html
        assert (
            reverse(
                "reports:rollup_cell", args=[period.pk, period.form.cells.get(row__code="R01", column__code="TS").pk]
            )
            in html
        )


class TestOfficerPages:
    def test_opening_a_period_with_a_past_deadline_says_why(self, world, login):
        form = make_form(world)
        day = today()
        past = (day - datetime.timedelta(days=3)).strftime("%d/%m/%Y")
        response = login(world.officer).post(
            reverse("reports:period_create"),
            {
                "form": form.pk,
                "owner": world.office.pk,
                "label": "Năm học 2025-2026",
                "start_date": "01/09/2025",
                "end_date": "31/05/2026",
                "open_date": past,
                "due_date": past,
                "lock_date": day.strftime("%d/%m/%Y"),
                "kinds": ["school"],
            },
        )
        assert response.status_code == 200
        assert "đã qua" in response.content.decode()
        assert not ReportingPeriod.objects.exists()

    def test_a_date_that_is_not_a_date_gets_a_message(self, world, login):
        response = login(world.officer).post(reverse("reports:period_create"), {"due_date": "30/02/2026"})
        assert "Ngày 30/02/2026 không có trong lịch." in response.content.decode()

    def test_importing_a_file_that_is_not_json_says_so(self, world, login):
        upload = io.BytesIO(b"\x89PNG not a form")
        upload.name = "anh.png"
        response = login(world.officer).post(reverse("reports:form_import"), {"file": upload})
        assert "Tệp không đọc được" in response.content.decode()

    def test_importing_a_broken_form_lists_the_problems_and_changes_nothing(self, world, login):
        data = small_form_data()
        data["sections"][0]["rows"][2]["cells"]["TS"]["formula"] = "[R09.TS] * 2"
        upload = io.BytesIO(json.dumps(data).encode())
        upload.name = "bieu.json"
        response = login(world.officer).post(reverse("reports:form_import"), {"file": upload})
        assert response.status_code == 400
        assert "[R09.TS]" in response.content.decode()
        assert not ReportForm.objects.exists()

    def test_exported_file_imports_as_a_new_version(self, world, login):
        form = make_form(world)
        client = login(world.officer)
        exported = client.get(reverse("reports:form_export", args=[form.pk]))
        upload = io.BytesIO(exported.content)
        upload.name = "bieu.json"
        response = client.post(reverse("reports:form_import"), {"file": upload})
        assert response.status_code == 302
        assert ReportForm.objects.filter(code=form.code, version=2).exists()

    def test_the_builder_adds_parts_and_refuses_a_bad_formula(self, world, login):
        form = make_form(world, publish=False)
        client = login(world.officer)
        client.post(reverse("reports:column_add", args=[form.pk]), {"column-code": "DT", "column-label": "DTTS"})
        response = client.post(
            reverse("reports:column_add", args=[form.pk]), {"column-code": "DT", "column-label": "Lại"}
        )
        assert response.status_code == 400 and "Cột mã DT đã có." in response.content.decode()
        cell = form.cells.get(row__code="R05", column__code="TS")
        response = client.post(
            reverse("reports:cell_edit", args=[cell.pk]), {"type": "computed", "formula": "[R01.TS] +"}
        )
        assert response.status_code == 400 and "viết chưa đúng" in response.content.decode()
        html = client.get(reverse("reports:form_detail", args=[form.pk])).content.decode()
        assert "DTTS" in html


def _count(client, url) -> int:
    client.get(url)  # a published form's layout is loaded once per process; count a later view
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_units(world, n):
    for i in range(n):
        school = make_unit(UnitKind.SCHOOL, parent=world.commune, name=f"Trường thêm {i}")
        make_user(Role.PRINCIPAL, school)


class TestQueryCounts:
    """Pages run the same number of queries whatever the number of units (DESIGN.md: data growth)."""

    def _period_with_data(self, world, label):
        period = open_period(world, label=label)
        for i, sub in enumerate(period.submissions.select_related("unit")):
            if i % 2 == 0:
                fill_and_submit(sub, None, {"R01.TS": str(10 + i), "R01.NU": "3"})
        return period

    @pytest.mark.parametrize("page", ["period_detail", "period_units", "rollup"])
    def test_office_pages(self, world, login, page, django_assert_num_queries):
        small = self._period_with_data(world, "Nhỏ")
        _more_units(world, 6)
        big = self._period_with_data(world, "Lớn")
        assert big.submissions.count() == small.submissions.count() + 6
        client = login(world.officer)
        n = _count(client, reverse(f"reports:{page}", args=[small.pk]))
        client.get(reverse(f"reports:{page}", args=[big.pk]))
        with django_assert_num_queries(n):
            client.get(reverse(f"reports:{page}", args=[big.pk]))

    def test_submission_page(self, world, login, django_assert_num_queries):
        period = open_period(world)
        small = submission_of(period, world.school)
        big = submission_of(period, world.other_school)
        save(small, world.principal, {"R01.TS": "1"})
        for i in range(6):
            save(big, world.other_principal, {"R01.TS": str(i), "R02.TS": str(i), "R06.TS": "Tốt"})
        client = login(world.officer)
        n = _count(client, reverse("reports:submission", args=[small.pk]))
        with django_assert_num_queries(n):
            client.get(reverse("reports:submission", args=[big.pk]))

    def test_inbox(self, world, login, django_assert_num_queries):
        form = make_form(world)
        open_period(world, form=form, label="Một")
        client = login(world.principal)
        n = _count(client, reverse("reports:inbox"))
        for i in range(5):
            open_period(world, form=form, label=f"Thêm {i}")
        with django_assert_num_queries(n):
            client.get(reverse("reports:inbox"))
