"""The self-assessment as the báo cáo a centre sends the office (issue 15): the centre's header from the
tree ("UBND XÃ …" above it, never its unit code), the criteria and points, the director's name."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.centers import helpers

pytestmark = pytest.mark.django_db


def test_the_submitted_self_assessment_prints_as_the_centres_report(world, login):
    assessment = helpers.make_assessment(world.centre, submitted=True)
    url = reverse("centers:assessment_document", args=[world.centre.pk]) + f"?nam={assessment.school_year}"
    client = login(world.director)
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Tải Word" in preview.content.decode()
    pdf = client.get(url + "&pdf=1")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "UBND XÃ ĐỐNG ĐA" in text and "TTHTCĐ XÃ ĐỐNG ĐA" in text
    assert "/BC-" in text and "TT1" not in text
    assert "Đống Đa, ngày" in text
    assert "Tổng điểm" in text and "Công văn 2553/BGDĐT-GDTX" in text
    assert "GIÁM ĐỐC" in text and "Vũ Thị Giám" in text
    assert "Phòng Giáo dục và Đào tạo huyện Thử Nghiệm (để" in text and "Lưu: VT." in text
    word = docx.Document(io.BytesIO(client.get(url + "&docx=1").content))
    cells = "\n".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert "Vũ Thị Giám" in cells and "Tổng điểm" in cells


def test_another_office_cannot_print_it(world, login):
    assessment = helpers.make_assessment(world.centre, submitted=True)
    url = reverse("centers:assessment_document", args=[world.centre.pk]) + f"?nam={assessment.school_year}"
    assert login(world.outsider_officer).get(url).status_code == 404


def test_no_self_assessment_yet_is_a_404_not_a_500(world, login):
    url = reverse("centers:assessment_document", args=[world.centre.pk]) + "?nam=1999"
    assert login(world.director).get(url).status_code == 404


def test_the_yearly_activity_report_prints_the_records_figures_as_the_centres_report(world, login):
    from tests.centers.helpers import this_year

    url = reverse("centers:report_document", args=[world.centre.pk]) + f"?nam={this_year()}"
    client = login(world.director)
    page = client.get(reverse("centers:report", args=[world.centre.pk]) + f"?nam={this_year()}").content.decode()
    assert "Văn bản báo cáo (PDF, Word)" in page
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(url + "&pdf=1").content)).pages)
    assert "UBND XÃ ĐỐNG ĐA" in text and "Kết quả hoạt động trung tâm học tập cộng đồng" in text
    assert "Người tham gia" in text and "Vũ Thị Giám" in text
    assert login(world.outsider_officer).get(url).status_code == 404
