"""The pages of issue 16's household layouts: the mapping step in the import flow, the office's
mapping profiles, the register written back out and imported again, the ID number in the form."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from literacy import mapping_profiles
from literacy.household_import.national import NATIONAL_MAPPING
from literacy.models import ImportBatch, MappingProfile, Person
from tests.literacy.fixtures import literacy_world, make_household, make_person, make_round, workbook_bytes
from tests.literacy.test_mapping import NATIONAL_HEADERS, national_row

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, world, survey_round, data: bytes, layout=""):
    return client.post(
        reverse("literacy:import_start"),
        {
            "round": survey_round.pk,
            "commune": world.commune.pk,
            "layout": layout,
            "file": SimpleUploadedFile("xa.xlsx", data, content_type=XLSX),
        },
    )


def _national_file(*rows) -> bytes:
    return workbook_bytes(list(rows) or [national_row()], headers=NATIONAL_HEADERS)


def test_a_file_in_another_layout_goes_to_the_mapping_step_then_imports_and_the_mapping_is_saved(world, login):
    client = login(world.officer)
    survey_round = make_round(world.office)
    headers = ["Mã", "Thôn", "Chủ hộ", "HO VA TEN", "Năm sinh", "Nữ", "Dân tộc", "Tái mù"]
    data = workbook_bytes(
        [["H1", "Đông", "Lò Văn A", "Lò Văn A", 1980, "", "", ""], ["H1", "Đông", "", "Lò Thị B", 1984, "x", "", ""]],
        headers=headers,
    )
    response = _upload(client, world, survey_round, data)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.MAPPING
    assert "Ghép cột" in client.get(response["Location"]).content.decode()
    page = client.get(reverse("literacy:import_mapping", kwargs={"pk": batch.pk})).content.decode()
    assert "Lò Văn A" in page  # the first rows are shown
    form = {"header_row": 1, "save_as": "Mẫu xã Đống Đa"}
    suggested = ["full_name", "hamlet", "head_name", "full_name", "birth", "female_tick", "ethnicity", "relapse_tick"]
    assert f'value="{suggested[3]}" selected' in page and 'value="female_tick" selected' in page
    suggested[0] = "household_code"  # "Mã" alone is not a header the portal knows: the officer picks it
    form |= {f"target_{i}": target for i, target in enumerate(suggested)}
    response = client.post(reverse("literacy:import_mapping", kwargs={"pk": batch.pk}), form)
    batch.refresh_from_db()
    assert response.status_code == 302 and batch.status == ImportBatch.Status.CHECKED, batch.errors
    client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk}))
    assert sorted(Person.objects.values_list("full_name", "sex", "ethnicity")) == [
        ("Lò Thị B", "F", "01"),
        ("Lò Văn A", "M", "01"),
    ]
    profile = MappingProfile.objects.get(office=world.office)
    assert profile.name == "Mẫu xã Đống Đa"

    # The next file of the same layout is read through the saved profile, no mapping step.
    _upload(client, world, survey_round, data, layout=str(profile.pk))
    latest = ImportBatch.objects.order_by("-created_at").first()
    assert latest.status == ImportBatch.Status.CHECKED and latest.summary["persons_unchanged"] == 2


def test_a_mapping_missing_a_needed_field_is_refused_on_the_page(world, login):
    client = login(world.officer)
    survey_round = make_round(world.office)
    _upload(client, world, survey_round, workbook_bytes([["x", "y"]], headers=["Cột A", "Cột B"]), layout="ghep")
    batch = ImportBatch.objects.get()
    response = client.post(
        reverse("literacy:import_mapping", kwargs={"pk": batch.pk}),
        {"header_row": 1, "target_0": "full_name", "target_1": "ignore"},
    )
    assert response.status_code == 200 and "Chưa chọn cột nào cho" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.MAPPING and not Person.objects.exists()


def test_export_in_the_national_layout_and_import_it_back_through_the_built_in_profile_adds_no_one(world, login):
    lit = literacy_world(world)
    make_person(lit.household, name="Quàng Thị Dung", birth_year=2001, sex="F", id_number="011201000123", grade=9)
    client = login(world.officer)
    url = reverse("literacy:register_export", kwargs={"pk": lit.round.pk, "commune": world.commune.pk})
    response = client.get(url + "?bo=quoc-gia")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]][:5] == ["Số phiếu", "Thôn", "Địa chỉ", "Chủ hộ", "Họ tên"]
    before = Person.objects.filter(round=lit.round).count()
    _upload(client, world, lit.round, data, layout="quoc-gia")
    batch = ImportBatch.objects.order_by("-created_at").first()
    assert batch.status == ImportBatch.Status.CHECKED, batch.errors
    assert (batch.summary["persons_new"], batch.summary["persons_updated"]) == (0, 0)
    client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk}))
    assert Person.objects.filter(round=lit.round).count() == before


def test_profiles_export_and_import_as_json_and_delete_after_confirmation(world, login):
    client = login(world.officer)
    profile = mapping_profiles.profile_save(
        actor=world.officer, office=world.office, name="Mẫu A", mapping=NATIONAL_MAPPING
    )
    exported = client.get(reverse("literacy:profile_export", kwargs={"pk": profile.pk})).content
    data = json.loads(exported)
    data["name"] = "Mẫu B"
    upload = SimpleUploadedFile("b.json", json.dumps(data).encode(), content_type="application/json")
    assert client.post(reverse("literacy:profile_list"), {"file": upload}).status_code == 302
    assert MappingProfile.objects.get(name="Mẫu B").mapping == profile.mapping
    page = client.get(reverse("literacy:profile_delete", kwargs={"pk": profile.pk})).content.decode()
    assert "Xóa mẫu ghép cột “Mẫu A”?" in page and MappingProfile.objects.filter(pk=profile.pk).exists()
    client.post(reverse("literacy:profile_delete", kwargs={"pk": profile.pk}))
    assert not MappingProfile.objects.filter(pk=profile.pk).exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\xff\xfe not json", "không phải là tệp JSON hợp lệ"),
        (b"[1, 2]", "không phải mẫu ghép cột"),
        (b'{"format": "gdtx-mau-ghep-cot", "name": "X", "mapping": {"columns": [{"header": 5}]}}', "thiếu tên cột"),
        (b'{"format": "gdtx-mau-ghep-cot", "name": "X", "mapping": {"columns": []}}', "Chưa chọn cột nào cho"),
        (b"[" * 100_000 + b"]" * 100_000, "không phải"),
        (b" " * 300_000, "quá lớn"),
    ],
)
def test_a_garbage_profile_file_gets_a_message_never_a_500(world, login, content, message):
    client = login(world.officer)
    upload = SimpleUploadedFile("x.json", content, content_type="application/json")
    response = client.post(reverse("literacy:profile_list"), {"file": upload})
    assert response.status_code == 200 and message in response.content.decode()
    assert not MappingProfile.objects.exists()


def test_the_person_form_refuses_a_bad_id_number_and_a_repeated_one(world, login):
    lit = literacy_world(world)
    client = login(world.officer)
    base = {"full_name": "Người Mới", "birth_year": 1990, "sex": "M", "ethnicity": "Kinh", "grade": 5, "stage": 0}
    base |= {"residence": "permanent", "status": "present"}
    url = reverse("literacy:person_create", kwargs={"pk": lit.household.pk})
    page = client.post(url, base | {"id_number": "12345"}).content.decode()
    assert "phải gồm đúng 12 chữ số" in page
    make_person(make_household(lit.round, world.hamlet), name="Có Số", id_number="001090001111")
    page = client.post(url, base | {"id_number": "001090001111"}).content.decode()
    assert "đã có ở một nhân khẩu khác" in page
    assert not Person.objects.filter(full_name="Người Mới").exists()


def test_the_household_page_shows_a_persons_id_number(world, login):
    lit = literacy_world(world)
    make_person(lit.household, name="Có Định Danh", id_number="001090002222")
    page = login(world.officer).get(reverse("literacy:household_detail", kwargs={"pk": lit.household.pk}))
    assert "001090002222" in page.content.decode()


def test_a_large_mapped_file_is_checked_and_imported_by_the_worker_through_its_mapping(world, login, monkeypatch):
    from literacy import import_batches

    monkeypatch.setattr(import_batches, "LARGE_FILE_BYTES", 0)
    client = login(world.officer)
    survey_round = make_round(world.office)
    rows = [national_row(**{"Họ tên": f"Người {i}", "Nữ": "x" if i % 2 else ""}) for i in range(20)]
    _upload(client, world, survey_round, _national_file(*rows), layout="quoc-gia")
    batch = ImportBatch.objects.select_related("job").get()
    assert batch.status == ImportBatch.Status.CHECKED and batch.job.kind == "literacy.import_check"
    client.post(reverse("literacy:import_commit", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Person.objects.filter(sex="F").count() == 10 and Person.objects.count() == 20


def test_a_file_that_fits_a_saved_layout_is_offered_that_layout_at_the_mapping_step(world, login):
    client = login(world.officer)
    survey_round = make_round(world.office)
    _upload(client, world, survey_round, _national_file())
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.MAPPING  # not the portal's template: the officer confirms
    page = client.get(reverse("literacy:import_mapping", kwargs={"pk": batch.pk})).content.decode()
    assert '<option value="quoc-gia" selected>' in page
    assert '<option value="graduation_lower_secondary" selected>' in page  # "Năm tốt nghiệp" as the profile says


def test_the_profile_list_reads_in_constant_queries(world, login, django_assert_num_queries):
    client = login(world.officer)
    url = reverse("literacy:profile_list")
    mapping_profiles.profile_save(actor=None, office=world.office, name="Mẫu 0", mapping=NATIONAL_MAPPING)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(1, 6):
        mapping_profiles.profile_save(actor=None, office=world.office, name=f"Mẫu {i}", mapping=NATIONAL_MAPPING)
    with django_assert_num_queries(len(one.captured_queries)):
        assert "Mẫu 5" in client.get(url).content.decode()
