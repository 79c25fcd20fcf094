"""The annual report's "Xây dựng xã hội học tập" section lists the good models the office published in
the school year and says how its library served the centres (centers/annual.py builds the block:
resources/ is a shared app and never imports the report engine)."""

import pytest

from annual.blocks import all_blocks, compute_blocks
from resources.models import ModelStatus
from tests.centers.helpers import make_activity
from tests.resources import helpers
from units.calendar import current_school_year, school_year_dates

pytestmark = pytest.mark.django_db


def test_the_annual_report_lists_the_years_good_models_and_the_library(world):
    block = next(b for b in all_blocks() if b.key == "resources.good_models")
    assert block.section == "learning_society"
    published = helpers.make_model(world.centre, status=ModelStatus.PUBLISHED, title="Tủ sách cộng đồng")
    helpers.make_model(world.centre, status=ModelStatus.PROPOSED, title="Chưa đăng")
    helpers.make_model(world.other_office, status=ModelStatus.PUBLISHED, title="Của huyện bên")
    resource = helpers.make_resource(world.office)
    helpers.make_resource(world.centre, actor=world.director, title="Chưa duyệt")
    make_activity(world.centre, world.director, resources=[resource])
    make_activity(world.centre, world.director, title="Không dùng học liệu")

    start, end = school_year_dates(current_school_year())
    table = next(b for b in compute_blocks(world.office, start, end) if b["key"] == "resources.good_models")["table"]
    rows = [[c["v"] for c in row["cells"]] for row in table["rows"]]
    assert rows == [
        [
            "Tủ sách cộng đồng",
            "Dòng họ học tập",
            "TTHTCĐ xã Đống Đa",
            published.published_at.date().strftime("%d/%m/%Y"),
        ]
    ]
    assert table["notes"] == [
        "Thư viện học liệu của phòng: 1 học liệu đã đăng; 1 hoạt động của TTHTCĐ trong năm học có dùng học liệu."
    ]
