"""Hostile requests that still gave a 500 (issue 12, item 7): a NUL character in a search or a
comment (PostgreSQL refuses NUL in text), a 5,000-digit number or deep nesting in JSON, and two
commits of the same household import at once.

The NUL tests mean the most on PostgreSQL (DATABASE_URL=postgres://...), where the 500 was; on
SQLite they still check what the user sees: the NUL is taken out, the search finds what was meant."""

import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from centers.models import AssessmentStatus, SelfAssessment
from learning_society.models import Title
from literacy import access as literacy_access
from literacy.models import ImportBatch, Person
from reports.models import ReportForm, Submission
from tests.centers import helpers as centre_helpers
from tests.factories import make_unit
from tests.hardening.strategies import page_forms
from tests.learning_society.matrix import objects as society_objects
from tests.literacy.fixtures import excel_upload, literacy_world, row
from tests.reports.matrix import objects as report_objects
from units.models import AuditEntry, UnitKind

pytestmark = pytest.mark.django_db


def _with_nul(text: str) -> str:
    return text[:3] + "\x00" + text[3:]


# NUL in a search box ---------------------------------------------------------------------------------


def test_nul_in_the_forms_list_search_finds_the_form(world, login):
    form = report_objects(world).draft
    response = login(world.officer).get(reverse("reports:form_list"), {"q": _with_nul(form.title)})
    assert response.status_code == 200
    assert form.title in response.content.decode()


def test_nul_in_a_rounds_household_search_finds_the_household(world, login):
    lit = literacy_world(world)
    response = login(world.officer).get(
        reverse("literacy:household_list", kwargs={"pk": lit.round.pk}), {"q": _with_nul("Lò Văn Pằng")}
    )
    assert response.status_code == 200
    assert lit.household.code in response.content.decode()


def test_nul_in_a_literacy_class_candidate_search_finds_the_person(world, login):
    lit = literacy_world(world)
    response = login(world.director).get(
        reverse("literacy:class_detail", kwargs={"pk": lit.literacy_class.pk}), {"q": _with_nul("Lò Thị Mai")}
    )
    assert response.status_code == 200
    assert "Lò Thị Mai" in response.content.decode()


def test_nul_in_a_learning_society_unit_search_finds_the_family(world, login):
    society_objects(world)
    response = login(world.officer).get(
        reverse("learning_society:area", kwargs={"pk": world.hamlet.pk}), {"q": _with_nul("Nguyễn Văn An")}
    )
    assert response.status_code == 200
    assert "Hộ ông Nguyễn Văn An" in response.content.decode()


def test_nul_in_the_recognised_list_search_finds_the_family(world, login):
    society_objects(world)
    response = login(world.officer).get(
        reverse("learning_society:recognised"), {"q": _with_nul("Nguyễn Văn An"), "\x00": "\x00"}
    )
    assert response.status_code == 200
    assert "Hộ ông Nguyễn Văn An" in response.content.decode()


# NUL in a posted comment -------------------------------------------------------------------------------


def test_nul_in_the_report_grid_comment_is_taken_out(world, login):
    submission = report_objects(world).centre_sub
    client = login(world.director)
    url = reverse("reports:submission", kwargs={"pk": submission.pk})
    form = next(f for f in page_forms(client, url) if any(name.startswith("v:") for name in f.fields))
    body = dict(form.values)
    body.update({"comment": "Số liệu\x00 đã đối chiếu", "action": "save"})
    response = client.post(url, body)
    assert response.status_code == 302
    assert Submission.objects.get(pk=submission.pk).comment == "Số liệu đã đối chiếu"


@pytest.mark.parametrize("encoded", ["multipart", "urlencoded"])
def test_nul_in_the_centre_self_assessment_return_comment_is_taken_out(world, login, encoded):
    centre = make_unit(UnitKind.CENTRE, parent=world.commune)
    submitted = centre_helpers.make_assessment(centre, submitted=True)
    url = reverse("centers:assessment_return", kwargs={"pk": submitted.pk})
    body = {"comment": "Bổ sung\x00 minh chứng"}
    if encoded == "urlencoded":  # as a browser posts a form without a file
        response = login(world.officer).post(url, urlencode(body), content_type="application/x-www-form-urlencoded")
    else:
        response = login(world.officer).post(url, body)
    assert response.status_code == 302
    returned = SelfAssessment.objects.get(pk=submitted.pk)
    assert returned.status == AssessmentStatus.DRAFT
    assert returned.office_comment == "Bổ sung minh chứng"


# JSON: huge numbers, deep nesting ------------------------------------------------------------------------


def _form_import(client, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("reports:form_import"), {"file": SimpleUploadedFile("bieu.json", content)})


def test_a_5000_digit_number_in_the_form_import_is_a_form_error(world, login):
    from reports import services

    data = services.form_to_dict(report_objects(world).draft)
    text = json.dumps({**data, "code": "SO-LON"}).replace('"SO-LON"', "9" * 5000)
    before = ReportForm.objects.count()
    response = _form_import(login(world.officer), text.encode())
    assert response.status_code in (200, 400)
    assert "Tệp không đọc được" in response.content.decode() or "is-invalid" in response.content.decode()
    assert ReportForm.objects.count() == before


@pytest.mark.parametrize("depth", [450, 600, 800, 100_000])
def test_deeply_nested_json_in_the_form_import_is_a_form_error(world, login, depth):
    content = ('{"code": "X", "sections": ' + "[" * depth + "]" * depth + "}").encode()
    before = ReportForm.objects.count()
    response = _form_import(login(world.officer), content)
    assert response.status_code in (200, 400)
    assert "is-invalid" in response.content.decode() or "invalid-feedback" in response.content.decode()
    assert ReportForm.objects.count() == before


@pytest.mark.parametrize("depth", [900, 100_000])
def test_deeply_nested_json_in_the_points_grid_cells_is_ignored_not_a_500(world, login, depth):
    society_objects(world)
    url = reverse("learning_society:grid", kwargs={"pk": world.hamlet.pk})
    response = login(world.officer).post(
        f"{url}?danh_hieu={Title.FAMILY}&nam=2026",
        {"cells": '{"cells": ' + "[" * depth + "]" * depth + "}", "versions": "[" * depth + "]" * depth},
    )
    assert response.status_code in (200, 302, 400, 409)


# Two commits of the same import ------------------------------------------------------------------------


def test_a_second_commit_of_the_same_import_is_told_it_is_already_done(world, login, monkeypatch):
    """Both people pressed "Nhập chính thức" on the checked file: the second request read the batch
    before the first one finished. It must not import again (nor fail with a 500): it is told."""
    lit = literacy_world(world)
    from literacy import import_batches

    batch = import_batches.batch_check(
        import_batches.batch_create(
            actor=world.officer,
            survey_round=lit.round,
            commune=world.commune,
            upload=excel_upload([row(code="HO950", name="Đinh Văn Hai")]),
        )
    )
    assert batch.status == ImportBatch.Status.CHECKED
    stale = ImportBatch.objects.get(pk=batch.pk)  # what the second request read, before the first commit
    client = login(world.officer)
    url = reverse("literacy:import_commit", kwargs={"pk": batch.pk})
    assert client.post(url).status_code == 302
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.IMPORTED
    people = Person.objects.count()

    monkeypatch.setattr(literacy_access, "get_import_for_user", lambda user, pk, write=False: stale)
    second = client.post(url, follow=True)
    assert second.status_code == 200
    assert "đã được nhập" in second.content.decode()
    assert Person.objects.count() == people
    assert AuditEntry.objects.filter(action="literacy.import").count() == 1


# NUL that arrives inside a file ---------------------------------------------------------------------------


def test_nul_escaped_inside_the_form_json_import_is_not_a_500(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports import services

    data = services.form_to_dict(report_objects(world).draft)
    data.update({"code": "NUL-1", "title": "Biểu\x00 mẫu"})
    client = login(world.officer)
    response = client.post(
        reverse("reports:form_import"), {"file": SimpleUploadedFile("bieu.json", json.dumps(data).encode())}
    )
    assert response.status_code in (200, 302, 400)
    imported = ReportForm.objects.filter(code="NUL-1").first()
    assert imported is None or "\x00" not in imported.title


def test_nul_in_an_uploaded_file_name_is_not_a_500(world, login):
    lit = literacy_world(world)
    client = login(world.officer)
    response = client.post(
        reverse("literacy:import_start"),
        {
            "round": lit.round.pk,
            "commune": world.commune.pk,
            "file": excel_upload([row(code="HO960", name="Hà Văn Tên")], name="ho\x00so.xlsx"),
        },
    )
    assert response.status_code in (200, 302)
    assert "\x00" not in ImportBatch.objects.latest("created_at").file_name


def test_nul_escaped_inside_the_points_grid_cells_is_not_a_500(world, login):
    rubric = society_objects(world)["rubric"]
    from learning_society.models import Subject
    from rubrics.selectors import rubric_criteria

    family = Subject.objects.filter(area=world.hamlet, title=Title.FAMILY).first()
    cells = {f"p-{family.pk}-{c.pk}": "1\u0000" for c in rubric_criteria(rubric)}
    url = reverse("learning_society:grid", kwargs={"pk": world.hamlet.pk})
    response = login(world.officer).post(
        f"{url}?danh_hieu={Title.FAMILY}&nam=2026",
        {"cells": json.dumps({"cells": cells, "rows": [family.pk]}), "versions": json.dumps({"\u0000": 0})},
    )
    assert response.status_code in (200, 302, 400, 409)


@pytest.mark.django_db(transaction=True)
def test_a_commit_pressed_while_the_first_is_still_importing_is_told_so(monkeypatch):
    """Two browsers, two threads: the second "Nhập chính thức" arrives while the first request is
    writing the rows. It gets the page with a clear message at once, not a 500; one import in all."""
    import threading

    from django.test import Client

    from literacy import import_batches
    from tests.factories import World

    world = World()
    lit = literacy_world(world)
    batch = import_batches.batch_check(
        import_batches.batch_create(
            actor=world.officer,
            survey_round=lit.round,
            commune=world.commune,
            upload=excel_upload([row(code="HO970", name="Vi Văn Song")]),
        )
    )
    url = reverse("literacy:import_commit", kwargs={"pk": batch.pk})
    writing, second_done = threading.Event(), threading.Event()
    real_commit = import_batches.batch_commit

    def slow_commit(batch, **kwargs):
        writing.set()
        assert second_done.wait(timeout=30)
        return real_commit(batch, **kwargs)

    monkeypatch.setattr(import_batches, "batch_commit", slow_commit)
    outcome = {}

    def first():
        client = Client()
        client.force_login(world.officer)
        try:
            outcome["first"] = client.post(url, follow=True)
        finally:
            from django.db import connection

            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert writing.wait(timeout=30)
    second_client = Client()
    second_client.force_login(world.officer)  # the same officer in a second browser tab
    second = second_client.post(url, follow=True)
    second_done.set()
    thread.join(timeout=60)
    assert second.status_code == 200
    assert "đã được nhập" in second.content.decode()
    assert outcome["first"].status_code == 200
    assert "Đã nhập 1 dòng" in outcome["first"].content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.IMPORTED
    assert AuditEntry.objects.filter(action="literacy.import").count() == 1
