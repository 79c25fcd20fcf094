"""The literacy landing page counts classes and learners exactly: counting over the join of classes
and enrolments once showed "30 lớp, 29 học viên" for 4 classes."""

import datetime

from django.urls import reverse

from literacy import services

from .fixtures import make_household, make_person, make_round


def _class(world, name, stage="1"):
    return services.class_create(
        actor=None, run_by=world.centre, name=name, stage=stage, start_date=datetime.date(2026, 10, 1)
    )


def test_the_landing_page_shows_the_exact_number_of_classes_and_learners(world, login):
    survey_round = make_round(world.office)
    household = make_household(survey_round, world.hamlet)
    an, binh, chau, dung, em = (make_person(household, name=n) for n in ("An", "Bình", "Châu", "Dung", "Em"))
    first = _class(world, "Lớp 1 thôn Đông")
    second = _class(world, "Lớp 2 thôn Đông")
    _class(world, "Lớp chưa có học viên")
    follow_on = _class(world, "Lớp giai đoạn 2", stage="2")
    services.enrol(actor=None, literacy_class=first, persons=[an, binh, chau])
    services.enrol(actor=None, literacy_class=second, persons=[dung, em])
    services.enrol(actor=None, literacy_class=follow_on, persons=[an])  # An goes on to stage 2
    for enrolment in first.enrolments.all():
        for term in (1, 2, 3):
            services.result_record(actor=None, enrolment=enrolment, term=term, result="HT")
    services.result_record(actor=None, enrolment=second.enrolments.first(), term=1, result="HTT")

    # 4 classes; 5 people (An is counted once although enrolled in two classes).
    for user in (world.officer, world.director):
        html = login(user).get(reverse("literacy:index")).content.decode()
        assert "4 lớp, 5 học viên" in html
