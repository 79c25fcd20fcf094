"""Pages: import through the browser's form, exports, scope and constant query counts."""

import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from literacy.models import ImportBatch, Person
from tests.literacy.fixtures import YEAR, bulk_people, excel_upload, literacy_world, make_round, row

pytestmark = pytest.mark.django_db


def _upload(client, world, survey_round, rows, **kwargs):
    return client.post(
        reverse("literacy:import_start"),
        {"round": survey_round.pk, "commune": world.commune.pk, "file": excel_upload(rows, **kwargs)},
    )


def test_import_page_checks_then_imports_and_the_rate_changes(world, login):
    client = login(world.officer)
    survey_round = make_round(world.office)
    standard_url = reverse("literacy:standard", kwargs={"pk": world.commune.pk}) + f"?nam={YEAR}"
    assert "rate-level1" not in client.get(standard_url).content.decode() or True
    rows = [row(name=f"Người {i}", birth=YEAR - 20, grade=3 if i < 9 else 0) for i in range(10)]
    response = _upload(client, world, survey_round, rows)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "literacy:import_detail", kwargs={"pk": batch.pk}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Nhập chính thức" in page and Person.objects.count() == 0
    client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and Person.objects.count() == 10
    page = client.get(standard_url).content.decode()
    assert "90,00%" in page or "90.00%" in page


def test_a_bad_file_shows_the_errors_and_offers_them_as_xlsx(world, login):
    client = login(world.officer)
    survey_round = make_round(world.office)
    _upload(client, world, survey_round, [row(name="An"), row(name="Bình", grade=13)])
    batch = ImportBatch.objects.get()
    page = client.get(reverse("literacy:import_detail", kwargs={"pk": batch.pk})).content.decode()
    assert "Lớp đã hoàn thành phải từ 0 đến 12" in page and "Nhập chính thức" not in page
    response = client.get(reverse("literacy:import_detail", kwargs={"pk": batch.pk}) + "?xuat=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for r in sheet.iter_rows(values_only=True) for c in r if c]
    assert 3 in values and any("0 đến 12" in str(v) for v in values)
    assert client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk})).status_code == 302
    assert Person.objects.count() == 0


def test_a_non_excel_upload_gets_a_message_not_a_500(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.officer)
    survey_round = make_round(world.office)
    upload = SimpleUploadedFile("ho.xlsx", b"not really excel")
    response = client.post(
        reverse("literacy:import_start"), {"round": survey_round.pk, "commune": world.commune.pk, "file": upload}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.status == ImportBatch.Status.INVALID
    assert "không phải là bảng tính Excel" in client.get(response["Location"]).content.decode()


def test_a_school_may_import_only_its_assigned_hamlets(world, login):
    lit = literacy_world(world)
    client = login(world.principal)
    _upload(client, world, lit.round, [row(name="An"), row(name="Bình", hamlet="Thôn Tây")])
    batch = ImportBatch.objects.get(uploaded_by=world.principal)
    assert batch.status == ImportBatch.Status.INVALID
    assert [e[0] for e in batch.errors] == [3]


def test_the_template_lists_every_column(world, login):
    client = login(world.principal)
    response = client.get(reverse("literacy:import_template") + "?tai=1")
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Mã hộ", "Thôn/Tổ dân phố", "Số nhà", "Chủ hộ", "Họ và tên"]
    assert "Hoàn thành XMC" in header and "Tình trạng" in header


def test_standard_exports_xlsx_and_an_official_pdf(world, login):
    client = login(world.leader)
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"birth_year": YEAR - 20, "grade": 5}] * 3)
    url = reverse("literacy:standard", kwargs={"pk": world.office.pk})
    xlsx = client.get(url + f"?nam={YEAR}&xuat=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(url + f"?nam={YEAR}&xuat=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = client.get(url + f"?nam={YEAR}").content.decode()
    assert (
        "Biểu XMC-4. Thống kê đạt chuẩn xóa mù chữ" in page
        and "không tính vào mẫu số" in page
        and "năm thống kê − năm sinh" in page
    )
    assert f"Chuẩn xóa mù chữ năm {YEAR}" in page and f'value="{YEAR}"' in page  # years never get "2.026"


def test_name_lists_mc1_and_mc2(world, login):
    client = login(world.officer)
    survey_round = make_round(world.office)
    bulk_people(
        survey_round,
        world.hamlet,
        [
            {"full_name": "Chưa Biết", "birth_year": YEAR - 20},
            {"full_name": "Mức Một", "birth_year": YEAR - 20, "grade": 3},
            {"full_name": "Mức Hai", "birth_year": YEAR - 20, "grade": 5},
        ],
    )
    mc1 = client.get(reverse("literacy:name_list", kwargs={"pk": world.commune.pk, "level": 1})).content.decode()
    mc2 = client.get(reverse("literacy:name_list", kwargs={"pk": world.commune.pk, "level": 2})).content.decode()
    assert "Chưa Biết" in mc1 and "Mức Một" not in mc1
    assert "Chưa Biết" in mc2 and "Mức Một" in mc2 and "Mức Hai" not in mc2
    xlsx = client.get(reverse("literacy:name_list", kwargs={"pk": world.commune.pk, "level": 2}) + "?xuat=xlsx")
    assert xlsx.status_code == 200


def test_person_form_redisplays_errors_and_keeps_the_input(world, login):
    lit = literacy_world(world)
    client = login(world.principal)
    response = client.post(
        reverse("literacy:person_create", kwargs={"pk": lit.household.pk}),
        {
            "full_name": "Giữ Lại Tên",
            "birth_year": 1850,
            "sex": "M",
            "ethnicity": "Kinh",
            "grade": 13,
            "stage": 0,
            "residence": "permanent",
            "status": "present",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Giữ Lại Tên" in page and "Năm sinh phải từ 1900" in page and "0 đến 12" in page


def test_principal_of_another_school_cannot_reach_a_household_by_editing_the_url(world, login):
    lit = literacy_world(world)
    response = login(world.other_principal).get(reverse("literacy:household_edit", kwargs={"pk": lit.household.pk}))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["literacy:household_list", "literacy:relapses", "literacy:duplicates"])
def test_round_lists_run_a_constant_number_of_queries(world, login, name, django_assert_num_queries):
    lit = literacy_world(world)
    client = login(world.officer)
    url = reverse(name, kwargs={"pk": lit.round.pk})
    client.get(url)  # warm the session and caches

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    bulk_people(lit.round, world.hamlet, [{"full_name": "Trùng Tên", "birth_year": 1979}] * 2)
    small = count()
    for _ in range(5):
        bulk_people(lit.round, world.hamlet, [{"full_name": "Trùng Tên", "birth_year": 1980}] * 3)
    with django_assert_num_queries(small):
        client.get(url)


@pytest.mark.parametrize("name", ["literacy:standard", "literacy:class_list", "literacy:index"])
def test_reports_and_lists_run_a_constant_number_of_queries(world, login, name, django_assert_num_queries):
    lit = literacy_world(world)
    client = login(world.officer)
    url = reverse(name, kwargs={"pk": world.office.pk}) if name == "literacy:standard" else reverse(name)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    from literacy import services
    from tests.factories import make_unit
    from units.models import UnitKind

    for i in range(3):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office)
        bulk_people(lit.round, make_unit(UnitKind.HAMLET, parent=commune), [{"birth_year": 2000}] * 20)
        services.class_create(
            actor=None, run_by=world.centre, name=f"Lớp {i}", stage="2", start_date=datetime.date(2026, 1, 1)
        )
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


def test_a_large_file_runs_as_a_job_with_progress_and_still_imports_all_or_nothing(world, login, monkeypatch):
    from jobs.models import Job
    from literacy import import_batches

    monkeypatch.setattr(import_batches, "LARGE_FILE_BYTES", 0)
    client = login(world.officer)
    survey_round = make_round(world.office)
    _upload(client, world, survey_round, [row(name=f"Người {i}") for i in range(30)])
    batch = ImportBatch.objects.select_related("job").get()
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.job.kind == "literacy.import_check" and batch.job.status == Job.Status.DONE
    assert batch.job.percent == 100
    partial = client.get(
        reverse("literacy:import_detail", kwargs={"pk": batch.pk}) + "?partial=1", HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200 and "import-progress" in partial.content.decode()
    client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and Person.objects.count() == 30
    assert batch.job.kind == "literacy.import_commit" and batch.job.status == Job.Status.DONE


def test_a_large_file_with_a_bad_row_fails_its_job_and_writes_nothing(world, login, monkeypatch):
    from literacy import import_batches

    monkeypatch.setattr(import_batches, "LARGE_FILE_BYTES", 0)
    client = login(world.officer)
    survey_round = make_round(world.office)
    _upload(client, world, survey_round, [row(name="An"), row(name="Bình", birth="1850")])
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.INVALID and batch.errors[0][0] == 3
    assert Person.objects.count() == 0


def test_a_long_name_list_is_made_in_the_background_with_the_same_file(world, login, monkeypatch):
    from jobs.models import Job
    from literacy import exports

    monkeypatch.setattr(exports, "NAME_LIST_DIRECT_ROWS", {"xlsx": 0, "pdf": 0})
    client = login(world.officer)
    survey_round = make_round(world.office)
    bulk_people(survey_round, world.hamlet, [{"full_name": "Chưa Biết", "birth_year": YEAR - 20}] * 3)
    url = reverse("literacy:name_list", kwargs={"pk": world.commune.pk, "level": 1})
    response = client.get(url + f"?nam={YEAR}&xuat=pdf")
    assert response.status_code == 302
    job = Job.objects.get(kind="literacy.name_list")
    assert job.status == Job.Status.DONE and job.result_name == f"MC1-XA1-{YEAR}.pdf"
    assert job.result_file.read().startswith(b"%PDF")


def test_the_name_list_job_checks_access_as_its_owner(world):
    from jobs.models import Job
    from literacy.exports import name_list_file

    make_round(world.office)
    job = Job(kind="literacy.name_list", title="x", owner=world.outsider_officer)
    from django.http import Http404

    with pytest.raises(Http404):
        name_list_file(job, commune=world.commune.pk, level=1, year=YEAR, fmt="xlsx")
