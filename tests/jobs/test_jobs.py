"""Background jobs: progress, done with a file, failure with a readable message and no file,
downloads only by the owner, the polling partial, and export_or_job's two paths."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs import responses, runner
from jobs.models import Job
from jobs.registry import JobError, register_job
from jobs.responses import export_or_job
from jobs.runner import job_progress, save_job_result, start_job
from tests.factories import make_user

seen_progress: list[tuple[int, int, str]] = []


def _count_to_three(job, *, name="Bảng tổng hợp.xlsx"):
    for done in range(1, 4):
        job_progress(job, done, 3, f"Đang ghi dòng {done}")
        row = Job.objects.filter(pk=job.pk).first()  # None for a direct export
        if row:
            seen_progress.append((row.progress, row.total, row.status))
    return name, b"du lieu " + name.encode()


def _breaks_halfway(job):
    job_progress(job, 1, 4, "Đang ghi")
    save_job_result(job, "nua chung.xlsx", b"partial")
    raise RuntimeError("disk full")


def _refuses(job):
    raise JobError("Kỳ báo cáo đã bị xóa.")


def _summary_only(job):
    job_progress(job, 10, 10, "Đã nhập 10 người.")


register_job("tests.count", _count_to_three)
register_job("tests.breaks", _breaks_halfway)
register_job("tests.refuses", _refuses)
register_job("tests.summary", _summary_only)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seen_progress.clear()


def test_a_job_runs_to_done_and_keeps_its_file(world):
    job = start_job(actor=world.officer, kind="tests.count", title="Xuất tổng hợp", unit=world.office)

    assert job.status == Job.Status.DONE
    assert (job.progress, job.total, job.percent) == (3, 3, 100)
    assert job.result_name == "Bảng tổng hợp.xlsx"
    assert job.result_file.read() == "du lieu Bảng tổng hợp.xlsx".encode()
    assert job.started_at and job.finished_at and job.started_at <= job.finished_at


def test_progress_is_written_to_the_row_while_the_job_runs(world):
    start_job(actor=world.officer, kind="tests.count", title="Xuất tổng hợp")

    assert seen_progress == [(1, 3, "running"), (2, 3, "running"), (3, 3, "running")]


def test_params_reach_the_job_function(world):
    job = start_job(actor=world.officer, kind="tests.count", title="X", params={"name": "Danh sách.pdf"})

    assert job.result_name == "Danh sách.pdf"


def test_a_crash_marks_the_job_failed_with_a_vietnamese_message_and_deletes_the_partial_file(world, settings):
    job = start_job(actor=world.officer, kind="tests.breaks", title="Xuất lỗi")

    assert job.status == Job.Status.FAILED
    assert job.message == str(runner.GENERIC_FAILURE)
    assert "disk full" not in job.message
    assert not job.result_file
    leftovers = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert leftovers == []


def test_a_job_error_shows_its_own_message(world):
    job = start_job(actor=world.officer, kind="tests.refuses", title="Xuất")

    assert job.status == Job.Status.FAILED
    assert job.message == "Kỳ báo cáo đã bị xóa."


def test_a_job_without_a_file_keeps_its_last_message_as_the_summary(world):
    job = start_job(actor=world.officer, kind="tests.summary", title="Nhập hộ gia đình")

    assert job.status == Job.Status.DONE
    assert job.message == "Đã nhập 10 người."
    assert not job.result_file


def test_an_unknown_kind_is_refused_before_anything_is_queued(world):
    with pytest.raises(ValueError):
        start_job(actor=world.officer, kind="tests.nobody", title="X")
    assert not Job.objects.exists()


def test_starting_a_job_leaves_an_audit_row(world):
    from units.models import AuditEntry

    job = start_job(actor=world.officer, kind="tests.count", title="Xuất")

    assert AuditEntry.objects.filter(action="job.start", object_id=str(job.pk), actor=world.officer).exists()


def test_the_owner_downloads_the_result_with_its_vietnamese_name(world, login):
    job = start_job(actor=world.officer, kind="tests.count", title="Xuất")

    response = login(world.officer).get(reverse("jobs:download", args=[job.pk]))

    assert response.status_code == 200
    assert response.content == "du lieu Bảng tổng hợp.xlsx".encode()
    assert "filename*=utf-8''B%E1%BA%A3ng%20t%E1%BB%95ng%20h%E1%BB%A3p.xlsx" in response["Content-Disposition"]


def test_another_user_gets_404_even_from_the_same_office(world, login):
    job = start_job(actor=world.officer, kind="tests.count", title="Xuất")

    for user in (world.leader, world.principal, world.outsider_officer):
        response = login(user).get(reverse("jobs:download", args=[job.pk]))
        assert response.status_code == 404


def test_a_very_large_result_is_streamed_from_disk(world, login, monkeypatch):
    monkeypatch.setattr(responses, "STREAM_DOWNLOADS_ABOVE", 5)
    job = start_job(actor=world.officer, kind="tests.count", title="Xuất")

    response = login(world.officer).get(reverse("jobs:download", args=[job.pk]))

    assert response.streaming
    assert b"".join(response.streaming_content) == "du lieu Bảng tổng hợp.xlsx".encode()


def test_a_failed_job_has_nothing_to_download(world, login):
    job = start_job(actor=world.officer, kind="tests.breaks", title="Xuất")

    assert login(world.officer).get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_progress_partial_polls_while_running_and_stops_when_finished(world, login):
    running = Job.objects.create(kind="tests.count", title="Đang chạy", owner=world.officer, status="running", total=4)
    job_progress(running, 1, 4, "Đang ghi dòng 1")
    client = login(world.officer)

    html = client.get(reverse("jobs:progress", args=[running.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "25%" in html and "Đang ghi dòng 1" in html

    done = start_job(actor=world.officer, kind="tests.count", title="Xong")
    html = client.get(reverse("jobs:progress", args=[done.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in html
    assert reverse("jobs:download", args=[done.pk]) in html


def test_the_status_page_shows_the_title_the_bar_and_a_way_back(world, login):
    job = start_job(actor=world.officer, kind="tests.refuses", title="Xuất bảng CMC-1")

    html = login(world.officer).get(reverse("jobs:detail", args=[job.pk])).content.decode()

    assert "Xuất bảng CMC-1" in html
    assert "Kỳ báo cáo đã bị xóa." in html
    assert reverse("jobs:list") in html


def test_my_jobs_lists_only_mine_newest_first(world, login):
    start_job(actor=world.officer, kind="tests.count", title="Việc thứ nhất")
    start_job(actor=world.officer, kind="tests.count", title="Việc thứ hai")
    start_job(actor=world.leader, kind="tests.count", title="Việc của lãnh đạo")

    html = login(world.officer).get(reverse("jobs:list")).content.decode()

    assert html.index("Việc thứ hai") < html.index("Việc thứ nhất")
    assert "Việc của lãnh đạo" not in html


def test_my_jobs_shows_an_empty_state(world, login):
    html = login(world.viewer).get(reverse("jobs:list")).content.decode()

    assert "Bạn chưa có tệp nào đang được tạo." in html


def test_the_job_list_runs_the_same_number_of_queries_for_3_or_30_jobs(world, login, django_assert_num_queries):
    client = login(world.officer)

    def make(n):
        for i in range(n):
            Job.objects.create(kind="tests.count", title=f"Việc {i}", owner=world.officer, unit=world.office)

    make(3)
    client.get(reverse("jobs:list"))  # warm the session and memberships
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("jobs:list")).status_code == 200
    make(27)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(reverse("jobs:list")).status_code == 200


def test_a_small_export_answers_directly(world, rf):
    request = rf.get("/")
    request.user = world.officer

    response = export_or_job(request, kind="tests.count", title="Xuất", params={}, estimated_rows=10)

    assert response.status_code == 200
    assert response.content == "du lieu Bảng tổng hợp.xlsx".encode()
    assert not Job.objects.exists()  # nothing to poll, nothing stored


def test_a_large_export_becomes_a_job_and_redirects_to_its_progress(world, login):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = world.officer
    request.session = login(world.officer).session
    request._messages = FallbackStorage(request)

    response = export_or_job(request, kind="tests.count", title="Xuất lớn", params={}, estimated_rows=50_000)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.owner == world.officer and job.status == Job.Status.DONE


def test_a_user_without_any_role_still_only_sees_their_own_jobs(world, login):
    loner = make_user()
    start_job(actor=world.officer, kind="tests.count", title="Việc của chuyên viên")

    html = login(loner).get(reverse("jobs:list")).content.decode()

    assert "Việc của chuyên viên" not in html


def test_a_small_export_that_is_refused_goes_back_with_the_reason(world, login):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_REFERER="http://testserver/bao-cao/")
    request.user = world.officer
    request.session = login(world.officer).session
    request._messages = FallbackStorage(request)

    response = export_or_job(request, kind="tests.refuses", title="Xuất", params={}, estimated_rows=1)

    assert response.status_code == 302 and response["Location"] == "http://testserver/bao-cao/"
    assert [str(m) for m in get_messages(request)] == ["Kỳ báo cáo đã bị xóa."]


def test_a_failed_job_can_be_run_again_as_a_new_job(world, login):
    failed = start_job(actor=world.officer, kind="tests.refuses", title="Xuất lại", params={}, unit=world.office)
    client = login(world.officer)

    html = client.get(reverse("jobs:detail", args=[failed.pk])).content.decode()
    assert reverse("jobs:retry", args=[failed.pk]) in html

    response = client.post(reverse("jobs:retry", args=[failed.pk]))

    again = Job.objects.exclude(pk=failed.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[again.pk])
    assert (again.kind, again.title, again.unit, again.owner) == (
        "tests.refuses",
        "Xuất lại",
        world.office,
        world.officer,
    )


def test_a_finished_job_is_not_run_again(world, login):
    done = start_job(actor=world.officer, kind="tests.count", title="Xong")

    response = login(world.officer).post(reverse("jobs:retry", args=[done.pk]), follow=True)

    assert Job.objects.count() == 1
    assert "Chỉ chạy lại được việc bị lỗi." in response.content.decode()


def test_someone_elses_failed_job_cannot_be_rerun(world, login):
    failed = start_job(actor=world.officer, kind="tests.refuses", title="Xuất")

    assert login(world.leader).post(reverse("jobs:retry", args=[failed.pk])).status_code == 404
    assert Job.objects.count() == 1


def test_a_job_waiting_for_over_an_hour_warns_that_the_worker_may_be_down(world, login):
    from datetime import timedelta

    from django.utils import timezone

    job = Job.objects.create(kind="tests.count", title="Đang chờ", owner=world.officer)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=2))

    html = login(world.officer).get(reverse("jobs:detail", args=[job.pk])).content.decode()

    assert "đã chờ hoặc đang xử lý hơn một giờ" in html and "để kiểm tra máy chủ" in html


def _writes_then_breaks_the_database(job):
    from django.db import IntegrityError

    from units.models import AuditEntry

    AuditEntry.objects.create(action="tests.partial")
    raise IntegrityError("duplicate key")


register_job("tests.db_error", _writes_then_breaks_the_database)


def test_a_database_error_inside_a_job_rolls_back_its_writes_and_still_marks_it_failed(world):
    from units.models import AuditEntry

    job = start_job(actor=world.officer, kind="tests.db_error", title="Nhập lỗi")

    assert job.status == Job.Status.FAILED
    assert not AuditEntry.objects.filter(action="tests.partial").exists()


def test_reporting_progress_for_every_row_writes_only_when_the_bar_moves(world):
    job = Job.objects.create(kind="tests.count", title="Nhiều dòng", owner=world.officer, status="running")

    with CaptureQueriesContext(connection) as queries:
        for done in range(1, 5001):
            job_progress(job, done, 5000, "Đang đọc tệp")

    assert len(queries.captured_queries) <= 105  # one per percent, not one per row
    assert Job.objects.values_list("progress", "total", "message").get(pk=job.pk) == (5000, 5000, "Đang đọc tệp")


def test_a_finished_file_job_no_longer_says_what_it_was_doing(world, login):
    """Issue 17: the finished annual-report job still read "Đang dàn trang PDF"."""
    job = start_job(actor=world.officer, kind="tests.count", title="Xuất tổng hợp")

    assert job.message == "Đã xong: tệp đã sẵn sàng để tải về."
    html = login(world.officer).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Đang ghi dòng" not in html
    assert "Đã xong: tệp đã sẵn sàng để tải về." in html


def test_a_teacher_reads_plain_words_not_background_job_jargon(world, login):
    """Issue 17: "Việc chạy nền" and "quản trị hệ thống" were shown to teachers."""
    client = login(world.school_staff)
    failed = start_job(actor=world.school_staff, kind="tests.breaks", title="Xuất danh sách")
    for url in (reverse("home"), reverse("jobs:list"), reverse("jobs:detail", args=[failed.pk])):
        html = client.get(url).content.decode()
        assert "Việc chạy nền" not in html and "quản trị" not in html
        assert "Tệp đang xử lý" in html
