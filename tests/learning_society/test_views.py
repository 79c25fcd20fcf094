"""Pages as users meet them: the grid, its errors and query counts, recognition, PDFs, scope."""

import io
import json
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from learning_society import services
from learning_society.models import Assessment, Decision, Title, TitleSetting
from rubrics.selectors import rubric_criteria
from tests.factories import make_unit
from units.models import UnitKind

from .conftest import YEAR, make_families

FULL = ["15", "15", "15", "15", "10", "10", "10", "10"]


def grid_url(hamlet, title="family"):
    return reverse("learning_society:grid", args=[hamlet.pk]) + f"?danh_hieu={title}&nam={YEAR}"


def page_versions(subjects) -> str:
    """The `versions` field a freshly loaded grid carries: each row's assessment version, 0 for none."""
    saved = dict(Assessment.objects.filter(subject__in=subjects, year=YEAR).values_list("subject_id", "version"))
    return json.dumps({str(s.pk): saved.get(s.pk, 0) for s in subjects})


def grid_post(subjects, criteria, values=FULL, **extra):
    """The grid's form as its script sends it: every cell packed in one JSON field."""
    cells = {f"p-{s.pk}-{c.pk}": v for s in subjects for c, v in zip(criteria, values, strict=True)}
    return {
        "nam": YEAR,
        "danh_hieu": "family",
        "versions": page_versions(subjects),
        "cells": json.dumps({"cells": cells, "rows": [s.pk for s in subjects]}),
        **extra,
    }


def grid_post_plain(subjects, criteria, values=FULL, **extra):
    """The same form without the script: one field per cell."""
    data = {"nam": YEAR, "danh_hieu": "family", "row": [s.pk for s in subjects], "versions": page_versions(subjects)}
    data.update(extra)
    for s in subjects:
        for c, v in zip(criteria, values, strict=True):
            data[f"p-{s.pk}-{c.pk}"] = v
    return data


def criteria():
    return rubric_criteria(services.rubric_or_error(Title.FAMILY, YEAR))


def _count(client, method, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code in (200, 302)
    return len(ctx.captured_queries)


def test_the_grid_page_runs_the_same_queries_for_5_and_500_families(world, shipped, login):
    client = login(world.officer)
    small_hamlet = make_unit(UnitKind.HAMLET, parent=world.commune, name="Thôn Nhỏ")
    small = make_families(small_hamlet, 5)
    big = make_families(world.hamlet, 500)
    crit = criteria()
    # Both grids half scored, so scores and assessments are read too.
    client.post(grid_url(small_hamlet).split("?")[0], grid_post(small[:3], crit))
    client.post(grid_url(world.hamlet).split("?")[0], grid_post(big[:300], crit))
    assert Assessment.objects.count() == 303
    few = _count(client, "get", grid_url(small_hamlet))
    many = _count(client, "get", grid_url(world.hamlet))
    assert few == many


def test_saving_the_grid_runs_the_same_queries_for_5_and_500_families(world, shipped, login):
    client = login(world.officer)
    small_hamlet = make_unit(UnitKind.HAMLET, parent=world.commune, name="Thôn Nhỏ")
    small = make_families(small_hamlet, 5)
    big = make_families(world.hamlet, 500)
    crit = criteria()
    few = _count(client, "post", grid_url(small_hamlet).split("?")[0], grid_post(small, crit))
    many = _count(client, "post", grid_url(world.hamlet).split("?")[0], grid_post(big, crit))
    if connection.vendor == "postgresql":
        assert few == many
    else:
        # SQLite caps a statement at 999 parameters, so Django splits bulk writes into batches: the
        # count grows with batches of hundreds of cells, never with a query per family.
        batches = math.ceil(500 * len(crit) * 6 / 999)
        assert many <= few + 3 * batches < 500
    assert Assessment.objects.filter(status=Assessment.Status.SELF_ASSESSED).count() == 505


def test_a_grid_with_a_bad_cell_comes_back_with_everything_typed(world, families, login):
    client = login(world.officer)
    crit = criteria()
    data = grid_post_plain(families, crit)
    data[f"p-{families[1].pk}-{crit[2].pk}"] = "16"
    data[f"p-{families[0].pk}-{crit[0].pk}"] = "12,5"
    response = client.post(grid_url(world.hamlet).split("?")[0], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tiêu chí 2.1 tối đa 15 điểm, không thể chấm 16." in html
    assert 'value="16"' in html
    assert 'value="12,5"' in html
    assert Assessment.objects.count() == 0


def test_the_checker_saves_and_checks_then_the_officer_recognises_in_bulk(world, families, login):
    assoc = login(world.association_officer)
    response = assoc.post(grid_url(world.hamlet).split("?")[0], grid_post(families, criteria(), check="1"))
    assert response.status_code == 302
    assert Assessment.objects.filter(status=Assessment.Status.CHECKED).count() == 3
    # The association checks families (QĐ 448) but the commune enters the decision.
    assert (
        assoc.get(reverse("learning_society:recognise", args=[world.hamlet.pk]) + "?danh_hieu=family").status_code
        == 403
    )
    officer = login(world.officer)
    url = reverse("learning_society:recognise", args=[world.hamlet.pk]) + f"?danh_hieu=family&nam={YEAR}"
    page = officer.get(url).content.decode()
    assert "Hộ ông Nguyễn Văn An" in page
    ids = list(Assessment.objects.values_list("pk", flat=True))
    form = {
        "assessment": ids,
        "number": "15/QĐ-UBND",
        "signed_on": "15/12/2025",
        "signer_name": "Phạm Văn Chủ",
        "signer_position": "Chủ tịch",
        "place": "Đống Đa",
    }
    response = officer.post(url, form)
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("learning_society:decision", args=[decision.pk])
    assert decision.assessments.count() == 3
    # A second officer who had the page open submits the same list: told clearly, nothing changes.
    again = officer.post(url, {**form, "number": "16/QĐ-UBND"})
    assert again.status_code == 200
    assert "đã được công nhận theo Quyết định số 15/QĐ-UBND" in again.content.decode()
    assert Decision.objects.count() == 1


def test_a_typed_date_that_is_not_a_date_is_refused_and_kept(world, families, login):
    officer = login(world.officer)
    url = reverse("learning_society:recognise", args=[world.hamlet.pk]) + f"?danh_hieu=family&nam={YEAR}"
    officer.post(grid_url(world.hamlet).split("?")[0], grid_post(families, criteria(), check="1"))
    response = officer.post(url, {"assessment": [1], "number": "15/QĐ-UBND", "signed_on": "31/02/2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="15/QĐ-UBND"' in html
    assert "invalid-feedback" in html
    assert not Decision.objects.exists()


def _recognised(world, families, login):
    officer = login(world.officer)
    officer.post(grid_url(world.hamlet).split("?")[0], grid_post(families, criteria(), check="1"))
    return services.recognise(
        actor=world.officer,
        assessment_ids=list(Assessment.objects.values_list("pk", flat=True)),
        issuer=world.commune,
        title=Title.FAMILY,
        year=YEAR,
        number="15/QĐ-UBND",
        signed_on=__import__("datetime").date(2025, 12, 5),
        signer_name="Phạm Văn Chủ",
        signer_position="Chủ tịch",
        place="Đống Đa",
    )


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_decision_pdf_has_its_number_and_the_annex_names(world, families, login):
    decision = _recognised(world, families, login)
    text = _pdf_text(login(world.officer).get(reverse("learning_society:decision_pdf", args=[decision.pk])))
    assert "15/QĐ-UBND" in text
    assert "QUYẾT ĐỊNH" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    for family in families:
        assert family.name in text
    assert "Phạm Văn Chủ" in text
    assert "ngày 05 tháng 12 năm 2025" in text


def test_the_certificate_pdf_names_the_family_and_the_title(world, families, login):
    _recognised(world, families, login)
    assessment = Assessment.objects.get(subject=families[1])
    text = _pdf_text(
        login(world.association_officer).get(reverse("learning_society:certificate", args=[assessment.pk]))
    )
    assert "Hộ bà Trần Thị Bình" in text
    assert "GIA ĐÌNH HỌC TẬP" in text
    assert "15/QĐ-UBND" in text


def test_a_certificate_exists_only_for_a_recognised_assessment(world, families, login):
    client = login(world.officer)
    client.post(grid_url(world.hamlet).split("?")[0], grid_post(families, criteria()))
    assessment = Assessment.objects.first()
    assert client.get(reverse("learning_society:certificate", args=[assessment.pk])).status_code == 404


def test_the_statistics_pdf_carries_the_chart_and_numbers(world, families, login):
    _recognised(world, families, login)
    client = login(world.officer)
    page = client.get(reverse("learning_society:stats") + f"?nam={YEAR}").content.decode()
    assert "<svg" in page
    text = _pdf_text(client.get(reverse("learning_society:stats_pdf") + f"?nam={YEAR}"))
    assert "Gia đình học tập" in text
    assert "BÁO CÁO" in text


def test_the_statistics_page_runs_the_same_queries_for_one_and_many_communes(world, families, login):
    client = login(world.officer)
    url = reverse("learning_society:stats") + f"?nam={YEAR}"
    few = _count(client, "get", url)
    for i in range(6):
        commune = make_unit(UnitKind.COMMUNE, parent=world.office, name=f"Xã Thêm {i}")
        make_families(make_unit(UnitKind.HAMLET, parent=commune), 4)
    assert _count(client, "get", url) == few


def test_lists_run_the_same_queries_whatever_their_length(world, families, login):
    _recognised(world, families, login)
    client = login(world.officer)
    urls = [
        reverse("learning_society:recognised"),
        reverse("learning_society:area", args=[world.hamlet.pk]) + f"?nam={YEAR}",
        reverse("learning_society:index") + f"?nam={YEAR}",
    ]
    before = [_count(client, "get", u) for u in urls]
    more = make_families(world.hamlet, 30)
    client.post(grid_url(world.hamlet).split("?")[0], grid_post(more, criteria(), check="1"))
    services.recognise(
        actor=world.officer,
        assessment_ids=list(Assessment.objects.filter(status="checked").values_list("pk", flat=True)),
        issuer=world.commune,
        title=Title.FAMILY,
        year=YEAR,
        number="16/QĐ-UBND",
        signed_on=__import__("datetime").date(2025, 12, 6),
        signer_name="A",
        signer_position="Chủ tịch",
    )
    assert [_count(client, "get", u) for u in urls] == before


def test_the_association_of_one_commune_cannot_open_another_communes_hamlet(world, shipped, login):
    other_hamlet = make_unit(UnitKind.HAMLET, parent=world.difficult_commune, name="Bản Xa")
    client = login(world.association_officer)
    assert client.get(grid_url(other_hamlet)).status_code == 404
    assert client.get(grid_url(world.hamlet)).status_code == 200


def test_who_checks_a_title_is_a_setting(world, families, login):
    client = login(world.officer)
    response = client.post(
        reverse("learning_society:settings"),
        {"title": "family", "checker": "office", "recogniser": "commune", "target": 75, "target_difficult": 65},
    )
    assert response.status_code == 302
    assert TitleSetting.objects.get(title="family").checker == "office"
    assoc = login(world.association_officer)
    check = assoc.post(reverse("learning_society:check", args=[world.hamlet.pk]), {"danh_hieu": "family"})
    assert check.status_code == 403


def test_the_viewer_sees_the_grid_but_cannot_type(world, families, login):
    client = login(world.viewer)
    html = client.get(grid_url(world.hamlet)).content.decode()
    assert "disabled" in html
    assert "Lưu tất cả" not in html
    response = client.post(grid_url(world.hamlet).split("?")[0], grid_post(families, criteria()))
    assert response.status_code == 403


def test_a_self_assessment_with_points_above_the_maximum_is_shown_again(world, families, login):
    client = login(world.officer)
    crit = criteria()
    url = reverse("learning_society:assess", args=[families[0].pk]) + f"?nam={YEAR}"
    data = {f"c{c.pk}": v for c, v in zip(crit, FULL, strict=True)}
    data["version"] = "0"  # no assessment yet when the page was loaded
    data[f"c{crit[0].pk}"] = "20"
    data[f"e{crit[0].pk}"] = "Sổ học tập của gia đình"
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "tối đa 15 điểm" in html
    assert "Sổ học tập của gia đình" in html
    data[f"c{crit[0].pk}"] = "15"
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.status == Assessment.Status.SELF_ASSESSED
    assert assessment.scores.get(criterion=crit[0]).evidence == "Sổ học tập của gia đình"


def test_an_officer_adds_a_family_and_the_form_keeps_errors(world, shipped, login):
    client = login(world.officer)
    url = reverse("learning_society:subject_create", args=[world.hamlet.pk])
    response = client.post(url, {"title": "family", "name": "", "members": "0"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    response = client.post(url, {"title": "family", "name": "Hộ ông Vũ Văn Dũng", "members": "5"})
    assert response.status_code == 302


def test_an_uploaded_rubric_that_is_not_json_is_refused(world, shipped, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.officer)
    bad = SimpleUploadedFile("x.json", b"not json", content_type="application/json")
    response = client.post(reverse("rubrics:import"), {"file": bad}, follow=True)
    assert "không phải JSON hợp lệ" in response.content.decode()


@pytest.mark.parametrize("year", ["abc", "1800"])
def test_a_bad_year_in_the_address_falls_back_to_this_year(world, shipped, login, year):
    client = login(world.officer)
    assert client.get(reverse("learning_society:index") + f"?nam={year}").status_code == 200


def test_ids_above_999_are_written_without_a_thousands_dot(world, shipped, login):
    """Vietnamese number format groups thousands with a dot; ids in form fields must stay plain."""
    from learning_society.models import Subject

    Subject.objects.create(pk=12345, area=world.hamlet, title=Title.FAMILY, name="Hộ ông Mười Hai")
    client = login(world.officer)
    html = client.get(grid_url(world.hamlet)).content.decode()
    assert 'name="p-12345-' in html
    assert 'name="row" value="12345"' in html
    data = grid_post_plain([Subject.objects.get(pk=12345)], criteria(), check="1")
    client.post(grid_url(world.hamlet).split("?")[0], data)
    page = client.get(reverse("learning_society:recognise", args=[world.hamlet.pk]) + f"?danh_hieu=family&nam={YEAR}")
    assert f'name="assessment" value="{Assessment.objects.get().pk}"' in page.content.decode()
