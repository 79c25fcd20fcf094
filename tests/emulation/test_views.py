"""What the office and the units do on the emulation pages: launch, register, report with evidence,
score, propose, issue and read the decision and the award history; and what they may not do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation import services
from emulation.models import Award, Criterion, Evidence, Movement, Registration, RegStatus, Stage
from tests.emulation.helpers import PDF, make_movement, pdf, png, propose, report, scored_world, to_stage
from units.calendar import current_school_year, today

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_office_launches_a_movement_with_criteria_and_opens_registration(world, login):
    client = login(world.officer)
    assert "Chưa có phong trào thi đua nào" in _html(client.get(reverse("emulation:index")))
    response = client.post(
        reverse("emulation:movement_add"),
        {
            "title": "Phát triển văn hóa đọc",
            "description": "",
            "school_year": str(current_school_year()),
            "start_date": today().strftime("%d/%m/%Y"),
            "end_date": "31/12/2099",
            "unit_kinds": ["school"],
        },
    )
    movement = Movement.objects.get(title="Phát triển văn hóa đọc")
    assert response.status_code == 302 and movement.office == world.office
    client.post(
        reverse("emulation:criterion_add", args=[movement.pk]),
        {"text": "Xây dựng tủ sách", "max_points": "12,5", "evidence_required": "on"},
    )
    criterion = Criterion.objects.get(movement=movement)
    assert str(criterion.max_points) == "12.5" and criterion.evidence_required
    html = _html(client.get(reverse("emulation:movement", args=[movement.pk])))
    assert "Đang phát động" in html and "Chuyển sang bước: Đăng ký" in html and "data-confirm" in html
    client.post(reverse("emulation:advance", args=[movement.pk]))
    movement.refresh_from_db()
    assert movement.stage == Stage.REGISTRATION


def test_a_principal_registers_reports_with_evidence_and_sends(world, login):
    movement = to_stage(make_movement(world.office, evidence=True), Stage.REGISTRATION)
    client = login(world.principal)
    assert "Đăng ký thi đua" in _html(client.get(reverse("emulation:movement", args=[movement.pk])))
    client.post(reverse("emulation:register", args=[movement.pk]), {"unit": str(world.school.pk), "pledge": "Cam kết"})
    reg = Registration.objects.get(movement=movement, unit=world.school)
    data = {}
    for c in movement.criteria.all():
        data[f"text_{c.pk}"] = f"Kết quả {c.text}"
        data[f"score_{c.pk}"] = "8,5"
    assert client.post(reverse("emulation:report", args=[reg.pk]), data).status_code == 302
    assert {str(e.self_score) for e in reg.entries.all()} == {"8.5"}
    first = movement.criteria.first()
    client.post(reverse("emulation:evidence_add", args=[reg.pk]), {"criterion": str(first.pk), "file": pdf()})
    evidence = Evidence.objects.get(registration=reg)
    served = client.get(reverse("emulation:evidence", args=[evidence.pk]))
    assert served.content == PDF and served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"
    client.post(reverse("emulation:report_submit", args=[reg.pk]))
    reg.refresh_from_db()
    assert reg.status == RegStatus.REPORTED
    assert "Đã gửi báo cáo" in _html(client.get(reverse("emulation:registration", args=[reg.pk])))


def test_a_photo_of_evidence_is_shown_as_a_small_thumbnail_and_a_broken_one_is_refused(world, login):
    import io

    from PIL import Image

    movement = to_stage(make_movement(world.office), Stage.REGISTRATION)
    reg = services.register(actor=None, movement=movement, unit=world.school)
    criterion = movement.criteria.first()
    client = login(world.principal)
    client.post(reverse("emulation:evidence_add", args=[reg.pk]), {"criterion": str(criterion.pk), "file": png()})
    evidence = Evidence.objects.get(registration=reg)
    page = _html(client.get(reverse("emulation:registration", args=[reg.pk])))
    thumb_url = reverse("emulation:evidence_thumbnail", args=[evidence.pk])
    assert f'src="{thumb_url}"' in page  # the list shows the small image, not the 1200 × 900 photo
    served = client.get(thumb_url)
    assert served["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(served.streaming_content) if served.streaming else served.content)) as image:
        assert max(image.size) <= 320
    # A PDF has no thumbnail; a file that only starts like a PNG is refused with a reason, nothing kept.
    broken = SimpleUploadedFile("hong.png", b"\x89PNG\r\n\x1a\n" + b"rac" * 50, content_type="image/png")
    response = client.post(
        reverse("emulation:evidence_add", args=[reg.pk]), {"criterion": str(criterion.pk), "file": broken}
    )
    assert "bị hỏng hoặc không đọc được" in _html(response)
    assert Evidence.objects.filter(registration=reg).count() == 1
    services.evidence_delete(actor=world.principal, evidence=evidence)
    assert client.get(thumb_url).status_code == 404


def test_staff_prepare_but_only_the_head_sends(world, login):
    movement = to_stage(make_movement(world.office), Stage.REGISTRATION)
    reg = report(services.register(actor=None, movement=movement, unit=world.school), submit=False)
    client = login(world.school_staff)
    assert client.get(reverse("emulation:report", args=[reg.pk])).status_code == 200
    assert client.post(reverse("emulation:report_submit", args=[reg.pk])).status_code == 403
    reg.refresh_from_db()
    assert reg.status == RegStatus.REGISTERED


def test_school_a_cannot_touch_school_b_and_a_principal_cannot_score(world, login):
    movement = to_stage(make_movement(world.office), Stage.REGISTRATION)
    reg_b = report(services.register(actor=None, movement=movement, unit=world.other_school), submit=False)
    client = login(world.principal)
    for name in ("emulation:registration", "emulation:report", "emulation:evidence_add"):
        assert client.get(reverse(name, args=[reg_b.pk])).status_code == 404, name
    assert client.post(reverse("emulation:report_submit", args=[reg_b.pk])).status_code == 404
    # Registering school B through school A's principal: the form refuses, nothing is stored.
    response = client.post(reverse("emulation:register", args=[movement.pk]), {"unit": str(world.other_school.pk)})
    assert response.status_code == 200 and not movement.registrations.filter(unit=world.school).exists()
    reg_a = report(services.register(actor=None, movement=movement, unit=world.school))
    to_stage(movement, Stage.SCORING)
    data = {f"score_{c.pk}": "10" for c in movement.criteria.all()}
    assert client.post(reverse("emulation:score", args=[reg_a.pk]), data).status_code == 403
    assert not reg_a.entries.filter(score__isnull=False).exists()


def test_another_office_gets_404_for_the_movement_and_its_registrations(world, login):
    movement, regs = scored_world(world)
    client = login(world.outsider_officer)
    assert client.get(reverse("emulation:movement", args=[movement.pk])).status_code == 404
    assert client.get(reverse("emulation:registration", args=[regs[0].pk])).status_code == 404
    assert client.post(reverse("emulation:advance", args=[movement.pk])).status_code == 404
    data = {f"score_{c.pk}": "0" for c in movement.criteria.all()}
    assert client.post(reverse("emulation:score", args=[regs[0].pk]), data).status_code == 404


def test_the_office_scores_ranks_proposes_and_issues_the_decision(world, login):
    movement, regs = scored_world(world)
    client = login(world.officer)
    data = {f"score_{c.pk}": "10" for c in movement.criteria.all()} | {"note": "Xuất sắc"}
    client.post(reverse("emulation:score", args=[regs[1].pk]), data)
    html = _html(client.get(reverse("emulation:ranking", args=[movement.pk])))
    assert html.index("Trường Tiểu học Nậm Pồ") < html.index("Trường THCS Đống Đa")  # 20 before 17
    client.post(
        reverse("emulation:award_add", args=[movement.pk]),
        {
            "recipient": "individual",
            "unit": str(world.other_school.pk),
            "person_name": "Đặng Văn Khác",
            "person_role": "Hiệu trưởng",
            "form": "danh_hieu",
            "title": "Chiến sĩ thi đua cơ sở",
            "reason": "Chỉ đạo tốt",
        },
    )
    client.post(
        reverse("emulation:award_add", args=[movement.pk]),
        {"recipient": "collective", "unit": str(world.other_school.pk), "form": "giay_khen", "reason": "Dẫn đầu"},
    )
    assert Award.objects.filter(movement=movement).count() == 2
    draft = _html(client.get(reverse("emulation:decision", args=[movement.pk])))
    assert "DỰ THẢO" in draft and "Luật số 06/2022/QH15" in draft and "98/2023/NĐ-CP" in draft
    client.post(reverse("emulation:decision_issue", args=[movement.pk]), {"number": "25", "signed_on": "31/12/2099"})
    movement.refresh_from_db()
    assert movement.stage == Stage.AWARDED
    word = client.get(reverse("emulation:decision", args=[movement.pk]) + "?docx=1")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    issued = _html(client.get(reverse("emulation:decision", args=[movement.pk])))
    assert "DỰ THẢO" not in issued and "Chiến sĩ thi đua cơ sở" in issued and "Đặng Văn Khác" in issued


def test_the_unit_keeps_its_history_and_the_person_is_named(world, login):
    movement, _regs = scored_world(world)
    propose(movement, world.school)
    propose(movement, world.school, person="Phạm Thị Hiệu")
    services.decision_issue(actor=None, movement=movement, number="07", signed_on=movement.end_date)
    html = _html(login(world.principal).get(reverse("emulation:unit", args=[world.school.pk])))
    assert "Tập thể đơn vị" in html and "Phạm Thị Hiệu" in html and "Số 07 ngày" in html
    # An issued decision is read by the awarded unit; a draft is the office's only.
    assert login(world.principal).get(reverse("emulation:decision", args=[movement.pk])).status_code == 200
    other, _r = scored_world(world, units=[world.school])
    assert login(world.principal).get(reverse("emulation:decision", args=[other.pk])).status_code == 403


def test_empty_unit_history_says_so(world, login):
    html = _html(login(world.principal).get(reverse("emulation:unit", args=[world.school.pk])))
    assert "chưa có khen thưởng nào" in html


def test_the_annual_report_lists_the_years_awards(world):
    from emulation.annual import awards_table
    from units.calendar import school_year_dates

    movement, _regs = scored_world(world)
    propose(movement, world.school)
    propose(movement, world.school, person="Phạm Thị Hiệu")
    services.decision_issue(actor=None, movement=movement, number="07", signed_on=today())
    table = awards_table(world.office, *school_year_dates(current_school_year()))
    texts = [str(getattr(cell, "value", cell)) for row in table.rows for cell in row.cells]
    assert "Trường THCS Đống Đa" in texts and "Phạm Thị Hiệu" in texts
    assert "Cộng: 1 tập thể, 1 cá nhân" in texts
    other = awards_table(world.other_office, *school_year_dates(current_school_year()))
    assert len(other.rows) == 1  # the total only


def test_the_principals_home_shows_the_open_movement(world, login):
    movement = to_stage(make_movement(world.office, title="Phát triển văn hóa đọc"), Stage.REGISTRATION)
    html = _html(login(world.principal).get("/"))
    assert "Phát triển văn hóa đọc" in html and reverse("emulation:movement", args=[movement.pk]) in html


def test_the_awards_block_is_found_by_the_annual_report(world):
    from annual.blocks import all_blocks, compute_blocks
    from units.calendar import school_year_dates

    assert "emulation.awards" in {b.key for b in all_blocks()}
    movement, _regs = scored_world(world)
    propose(movement, world.school, person="Phạm Thị Hiệu")
    services.decision_issue(actor=None, movement=movement, number="07", signed_on=today())
    blocks = compute_blocks(world.office, *school_year_dates(current_school_year()))
    assert "Phạm Thị Hiệu" in str(next(b for b in blocks if b["key"] == "emulation.awards"))
