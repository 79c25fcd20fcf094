"""The yearly self-assessment of a TTHTCĐ (Công văn 2553/BGDĐT-GDTX, 2013): four groups —
management structure, organisation of activities, social participation, effectiveness.

The four groups come from the Công văn; the criteria texts, points and bands below are SAMPLES
(is_sample=True) for the office to adjust to its province's guidance in the admin: they are data,
loaded by migration 0002 and by `seed_demo`, never read from code elsewhere.
"""

from units import legal

CODE = "TTHTCD-2553"

RUBRIC = {
    "code": CODE,
    "title": f"Tự đánh giá, xếp loại TTHTCĐ ({legal.TEXTS['cv2553_2013'].short})",
    "subject_kind": "centre",
    "regime": "points",
    "year_from": 2013,
    "legal_basis": "; ".join(legal.cite(key) for key in ("cv2553_2013", "qd09_2008", "tt40_2010")),
    "bands": [
        {"label": "Tốt", "min": "85"},
        {"label": "Khá", "min": "70"},
        {"label": "Trung bình", "min": "50"},
        {"label": "Chưa đạt", "min": "0"},
    ],
    "is_sample": True,
}

GROUPS = [
    (
        "I",
        "Cơ cấu tổ chức, quản lý",
        [
            ("1.1", "Có quyết định thành lập, quy chế tổ chức và hoạt động; có con dấu và tài khoản riêng.", 5),
            ("1.2", "Ban giám đốc đủ thành phần theo quy định, phân công nhiệm vụ rõ ràng.", 5),
            ("1.3", "Có đội ngũ giáo viên, báo cáo viên, cộng tác viên đáp ứng yêu cầu hoạt động.", 5),
            ("1.4", "Có kế hoạch năm học; hồ sơ, sổ sách quản lý đầy đủ, cập nhật.", 5),
        ],
    ),
    (
        "II",
        "Tổ chức các hoạt động",
        [
            ("2.1", "Khảo sát nhu cầu học tập của người dân, xây dựng chương trình phù hợp.", 5),
            ("2.2", "Tổ chức lớp xóa mù chữ và giáo dục tiếp tục sau khi biết chữ.", 10),
            ("2.3", "Tổ chức chuyên đề, lớp học về pháp luật, nông nghiệp, y tế, kỹ năng sống, tin học…", 15),
            ("2.4", "Duy trì câu lạc bộ, Tủ sách cùng học, hưởng ứng Ngày Sách và Tuần lễ học tập suốt đời.", 10),
        ],
    ),
    (
        "III",
        "Huy động sự tham gia của xã hội",
        [
            ("3.1", "Phối hợp với các ban, ngành, đoàn thể, Hội Khuyến học trong tổ chức hoạt động.", 10),
            ("3.2", "Huy động nguồn lực xã hội hóa (kinh phí, cơ sở vật chất, người dạy).", 10),
        ],
    ),
    (
        "IV",
        "Hiệu quả hoạt động",
        [
            ("4.1", "Tỷ lệ người dân trong độ tuổi lao động tham gia học tập tại trung tâm.", 10),
            ("4.2", "Góp phần phát triển kinh tế - xã hội, xây dựng xã hội học tập ở địa phương.", 10),
        ],
    ),
]


def load(Rubric, RubricGroup, RubricCriterion):
    """Create the rubric if it is missing; an edited rubric is left alone. Takes the model classes
    so that a migration can pass its historical models."""
    rows = Rubric.objects.filter(code=CODE)
    if any(f.name == "owner" for f in Rubric._meta.get_fields()):  # not yet in migration 0002's models
        rows = rows.filter(owner__isnull=True, is_active=True)
    national = rows.order_by("-id").first()
    if national is not None:
        return national
    rubric = Rubric.objects.create(**RUBRIC)
    for g_order, (g_code, g_title, criteria) in enumerate(GROUPS, start=1):
        group = RubricGroup.objects.create(rubric=rubric, order=g_order, code=g_code, title=g_title)
        RubricCriterion.objects.bulk_create(
            [
                RubricCriterion(
                    group=group,
                    order=c_order,
                    code=code,
                    text=text,
                    max_points=points,
                    evidence_required=True,
                    is_sample=True,
                )
                for c_order, (code, text, points) in enumerate(criteria, start=1)
            ]
        )
    return rubric
