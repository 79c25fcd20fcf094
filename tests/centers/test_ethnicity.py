"""A centre's learner list names each learner's group of Quyết định 121-TCTK/PP by code or name; Kinh
under any of its names is not an ethnic minority in the activity's or the report's counts (issue 14)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from centers import learners
from tests.centers import helpers
from tests.centers.test_providers import _value

KINH_NAMES = ["Kinh (Việt)", "Việt", "Người Kinh", "01"]
MONG_NAMES = ["Mông", "H'Mông", "08"]


def _activity(world, names):
    text = "\n".join(f"Học viên {i}; nam; 1990; {name}" for i, name in enumerate(names))
    return helpers.make_activity(
        world.centre,
        world.director,
        participants=0,
        women=0,
        ethnic_minority=0,
        elderly=0,
        learners=text,
    )


@pytest.mark.django_db
def test_kinh_under_any_name_is_not_counted_as_a_minority_learner(world):
    activity = _activity(world, [*KINH_NAMES, *MONG_NAMES, "", "Khmer"])
    assert (activity.participants, activity.ethnic_minority) == (9, 4)
    codes = [p.ethnicity for p in activity.learners.order_by("order")]
    assert codes == ["01", "01", "01", "01", "08", "08", "08", "", "05"]
    assert _value("centers.participants.ethnic", [world.centre, world.office]) == {
        world.centre.pk: 4,
        world.office.pk: 4,
    }


@pytest.mark.django_db
def test_the_list_shows_each_learner_s_group_by_name(world):
    activity = _activity(world, ["01", "H'Mông"])
    text = learners.as_text(activity.learners.order_by("order"))
    assert text.splitlines() == ["Học viên 0; nam; 1990; Kinh (Việt)", "Học viên 1; nam; 1990; HMông"]


def test_an_unknown_group_is_reported_by_its_line_with_what_is_accepted():
    with pytest.raises(ValidationError) as error:
        learners.parse("Lò Văn A; nam; 1980; Thái\nLò Văn B; nam; 1980; Sao Hỏa", year=datetime.date.today().year)
    [message] = error.value.messages
    assert message.startswith("Dòng 2: dân tộc “Sao Hỏa” không có trong danh mục") and "01" in message
