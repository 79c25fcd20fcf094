import datetime

import pytest
from django.urls import reverse

from centers import services
from centers.models import Activity, Evidence, FundingEntry
from tests.centers import helpers
from units.models import today


def _activity_data(**overrides):
    data = {
        "kind": "topic",
        "field": "health",
        "title": "Phòng chống sốt xuất huyết",
        "start_date": today().isoformat(),
        "end_date": today().isoformat(),
        "sessions": "1",
        "place": "Nhà văn hóa thôn Đông",
        "lecturer": "Lê Thị Thu",
        "participants": "35",
        "women": "20",
        "ethnic_minority": "0",
        "elderly": "4",
    }
    return {**data, **overrides}


def test_a_director_lands_on_their_centre(world, login):
    html = login(world.director).get(reverse("centers:index")).content.decode()
    assert "TTHTCĐ xã Đống Đa" in html
    assert "Ghi hoạt động" in html


def test_a_director_logs_an_activity_and_sees_it_on_the_centre_page(world, login):
    client = login(world.director)
    response = client.post(reverse("centers:activity_add", args=[world.centre.pk]), _activity_data())
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.created_by == world.director and activity.participants == 35
    page = client.get(reverse("centers:centre", args=[world.centre.pk])).content.decode()
    assert "Phòng chống sốt xuất huyết" in page


def test_the_next_entry_keeps_the_date_kind_and_field_but_not_the_lecturer_club_or_place(world, login):
    """Issue 17: after 'Lưu, ghi tiếp' the next event was saved with the previous lecturer and club."""
    helpers.make_activity(
        world.centre, world.director, place="Hội trường UBND xã", lecturer="Trần Văn Bình", field="health"
    )
    response = login(world.director).get(reverse("centers:activity_add", args=[world.centre.pk]))
    form = response.context["form"]
    assert "lecturer" not in form.initial and "club" not in form.initial and "place" not in form.initial
    assert form.initial["start_date"] == today() and form.initial["field"] == "health"
    assert "Giữ từ lần ghi trước" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"start_date": "2026-03-10", "end_date": "2026-03-09"},
            "Ngày kết thúc không thể trước ngày bắt đầu.",
        ),
        ({"participants": "10", "women": "12"}, "Số nữ không thể lớn hơn tổng số người tham gia (10)."),
    ],
)
def test_bad_activity_input_is_explained_and_nothing_typed_is_lost(world, login, overrides, message):
    response = login(world.director).post(
        reverse("centers:activity_add", args=[world.centre.pk]), _activity_data(**overrides)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Phòng chống sốt xuất huyết"' in html
    assert 'value="Lê Thị Thu"' in html
    assert not Activity.objects.exists()


def test_a_director_of_another_centre_gets_404(world, login, other_centre):
    activity = helpers.make_activity(world.centre)
    client = login(other_centre.director)
    assert client.get(reverse("centers:centre", args=[world.centre.pk])).status_code == 404
    assert client.get(reverse("centers:activity_edit", args=[activity.pk])).status_code == 404
    assert client.post(reverse("centers:activity_delete", args=[activity.pk])).status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_centre_staff_log_activities_but_cannot_change_the_board(world, login):
    client = login(world.centre_staff)
    assert client.post(reverse("centers:activity_add", args=[world.centre.pk]), _activity_data()).status_code == 302
    response = client.post(
        reverse("centers:person_add", args=[world.centre.pk]),
        {"full_name": "Ai Đó", "role": "director", "origin": "commune", "since": "2026-01-01"},
    )
    assert response.status_code == 403


def test_negative_money_is_refused_in_the_form(world, login):
    response = login(world.director).post(
        reverse("centers:funding_add", args=[world.centre.pk]),
        {
            "kind": "receipt",
            "date": today().isoformat(),
            "source": "commune_budget",
            "amount": "-5000000",
            "description": "Ngân sách xã",
        },
    )
    assert "Số tiền phải lớn hơn 0 đồng." in response.content.decode()
    assert 'value="Ngân sách xã"' in response.content.decode()
    assert not FundingEntry.objects.exists()


def test_the_funding_page_totals_receipts_by_source(world, login):
    helpers.make_funding(world.centre, amount=20_000_000)
    helpers.make_funding(world.centre, source="socialised", amount=3_500_000)
    helpers.make_funding(world.centre, kind="spending", source="", purpose="books", amount=1_000_000)
    summary = login(world.viewer).get(reverse("centers:funding", args=[world.centre.pk])).context["summary"]
    assert summary["total_in"] == 23_500_000
    assert summary["balance"] == 22_500_000


def _assessment_url(assessment):
    return reverse("centers:assessment", args=[assessment.centre_id]) + f"?nam={assessment.school_year}"


def test_a_file_that_is_not_an_image_or_pdf_is_refused_as_evidence(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assessment = helpers.make_assessment(world.centre, world.director)
    response = login(world.director).post(
        reverse("centers:evidence_add", args=[assessment.pk]),
        {"file": SimpleUploadedFile("bao-cao.pdf", b"PK\x03\x04 a zip renamed to pdf"), "description": "Biên bản"},
    )
    html = response.content.decode()
    assert "không phải ảnh (JPG, PNG, GIF, WEBP) hay PDF" in html
    assert 'value="Biên bản"' in html
    assert not Evidence.objects.exists()


def test_a_50_mb_upload_gets_a_clear_message_and_the_scores_stay(world, login):
    assessment = helpers.make_assessment(world.centre, world.director)
    scores = helpers.full_scores(assessment, fraction=0.5)
    services.assessment_save_scores(actor=world.director, assessment=assessment, scores=scores)
    response = login(world.director).post(
        reverse("centers:evidence_add", args=[assessment.pk]),
        {"file": helpers.png("anh-lon.png", size=50 * 1024 * 1024)},
    )
    html = response.content.decode()
    assert "vượt quá giới hạn 10,0" in html
    assert not Evidence.objects.exists()
    assessment.refresh_from_db()
    assert assessment.self_total == 50


def test_the_director_scores_submits_and_the_officer_rates(world, login):
    assessment = helpers.make_assessment(world.centre, world.director)
    criteria = list(assessment.scores.values_list("criterion_id", "criterion__max_points"))
    data = {"save_scores": "1", "version": assessment.version, **{f"p_{cid}": str(m) for cid, m in criteria}}
    director = login(world.director)
    assert director.post(_assessment_url(assessment), data).status_code == 302
    assert director.post(reverse("centers:assessment_submit", args=[assessment.pk])).status_code == 302
    officer = login(world.officer)
    assessment.refresh_from_db()
    rate = {"comment": "Tốt", "version": assessment.version, **{f"o_{cid}": str(m) for cid, m in criteria}}
    assert officer.post(reverse("centers:assessment_rate", args=[assessment.pk]), rate).status_code == 302
    ranking = officer.get(reverse("centers:ranking") + f"?nam={assessment.school_year}").content.decode()
    assert "TTHTCĐ xã Đống Đa" in ranking and "Tốt" in ranking


def test_a_score_above_the_maximum_is_shown_next_to_the_criterion(world, login):
    assessment = helpers.make_assessment(world.centre, world.director)
    cid = assessment.scores.values_list("criterion_id", flat=True).first()
    response = login(world.director).post(_assessment_url(assessment), {"save_scores": "1", f"p_{cid}": "50"})
    assert "Tối đa 5 điểm." in response.content.decode()


def test_the_office_page_shows_activity_and_flags_silent_centres(world, login, other_centre):
    helpers.make_activity(world.centre, participants=44, women=30)
    helpers.make_activity(
        other_centre,
        start_date=today() - datetime.timedelta(days=90),
        end_date=today() - datetime.timedelta(days=90),
    )
    response = login(world.officer).get(reverse("centers:index"))
    rows = {r["centre"].code: r for r in response.context["rows"]}
    assert rows["TT1"]["participants"] == 44 and not rows["TT1"]["inactive"]
    assert rows["TT2"]["inactive"]
    assert [c.code for c in response.context["inactive"]] == ["TT2"]


def test_the_yearly_report_page_is_prefilled_from_the_records(world, login):
    helpers.make_activity(world.centre, participants=41, women=22)
    response = login(world.director).get(reverse("centers:report", args=[world.centre.pk]))
    values = {row["key"]: row["value"] for _section, rows in response.context["sections"] for row in rows}
    assert values["centers.participants"] == 41
    assert values["centers.participants.women"] == 22
    assert values["centers.activities.law"] == 1


def test_a_year_in_the_url_that_is_not_a_year_falls_back_to_this_one(world, login):
    response = login(world.officer).get(reverse("centers:index") + "?nam=abc&page=xyz")
    assert response.status_code == 200
    assert response.context["year"] == helpers.this_year()


def test_year_links_are_plain_numbers_not_localised_ones(world, login):
    year = helpers.this_year()
    html = login(world.officer).get(reverse("centers:index")).content.decode()
    assert f'value="{year}"' in html and f"?nam={year}" in html
    assert f"{year // 1000}.{year % 1000:03d}" not in html


def test_the_office_downloads_the_centre_table_as_excel(world, login, other_centre):
    import io

    from openpyxl import load_workbook

    helpers.make_activity(world.centre, participants=44, women=30)
    response = login(world.officer).post(reverse("centers:overview_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "TTHTCĐ xã Đống Đa" in values and "TTHTCĐ xã Nậm Pồ" in values
    assert 44 in values


def test_a_club_is_closed_and_keeps_its_meetings(world, login):
    club = services.club_create(
        actor=world.director,
        centre=world.centre,
        name="CLB Nông dân",
        field="agriculture",
        founded_on=datetime.date(2024, 1, 5),
    )
    helpers.make_activity(world.centre, kind="club_meeting", club=club)
    client = login(world.centre_staff)
    url = reverse("centers:club_edit", args=[club.pk])
    response = client.post(
        url,
        {
            "name": "CLB Nông dân",
            "field": "agriculture",
            "members": "20",
            "founded_on": "05/01/2024",
            "closed_on": "01/01/2023",
        },
    )
    assert "Ngày ngừng hoạt động không thể trước ngày thành lập." in response.content.decode()
    response = client.post(
        url,
        {
            "name": "CLB Nông dân",
            "field": "agriculture",
            "members": "20",
            "founded_on": "05/01/2024",
            "closed_on": "31/10/2026",
        },
    )
    assert response.status_code == 302
    club.refresh_from_db()
    assert club.closed_on == datetime.date(2026, 10, 31) and club.meetings.count() == 1
