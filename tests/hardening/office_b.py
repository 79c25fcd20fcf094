"""Office B built like office A: the same World shape (tests/factories.World) for the other office, so
every matrix case's builders (`kwargs`, `data`) can make office B's own objects too.

The IDOR sweeps use it to request office B's own pages as B's officer or principal, with ids of
office A's objects put into the form, the query string or the JSON body: the page (B's) is theirs,
only the ids are not, which is exactly what an id check on the URL alone lets through.
"""

import contextlib
from unittest import mock

from tests import factories
from tests.factories import World, make_unit, make_user
from units.models import Role, SchoolLevel, UnitKind


class OfficeB(World):
    """`world`'s office B as a World: `outsider_officer` is its officer, `outsider_principal` the
    principal of its school; its `outsider_*` are office A's officer and principal."""

    def __init__(self, world: World):
        self.office = world.other_office
        self.commune = world.other_commune
        self.difficult_commune = make_unit(
            UnitKind.COMMUNE, parent=self.office, name="Mường Xa", code="XB2", especially_difficult=True
        )
        self.hamlet = make_unit(UnitKind.HAMLET, parent=self.commune, name="Bến Đò", code="THB1")
        self.school = world.outsider_school
        self.other_school = make_unit(
            UnitKind.SCHOOL,
            parent=self.difficult_commune,
            name="Trường Tiểu học Mường Xa",
            code="SCHB2",
            school_level=SchoolLevel.PRIMARY,
        )
        self.centre = make_unit(UnitKind.CENTRE, parent=self.commune, name="TTHTCĐ xã Bên Kia", code="TTB1")
        self.association = make_unit(
            UnitKind.ASSOCIATION, parent=self.commune, name="Hội Khuyến học xã Bên Kia", code="HKHB1"
        )
        self.officer = world.outsider_officer
        self.principal = world.outsider_principal
        self.leader = make_user(Role.OFFICE_LEADER, self.office, username="b_leader", full_name="Hà Văn Lãnh")
        self.viewer = make_user(Role.VIEWER, self.office, username="b_viewer", full_name="Hà Thị Xem")
        self.school_staff = make_user(Role.SCHOOL_STAFF, self.school, username="b_teacher", full_name="Hà Văn Dạy")
        self.director = make_user(Role.CENTRE_DIRECTOR, self.centre, username="b_director", full_name="Hà Thị Đốc")
        self.centre_staff = make_user(Role.CENTRE_STAFF, self.centre, username="b_centre", full_name="Hà Văn Tâm")
        self.association_officer = make_user(
            Role.ASSOCIATION_OFFICER, self.association, username="b_assoc", full_name="Hà Thị Hội"
        )
        self.other_principal = make_user(
            Role.PRINCIPAL, self.other_school, username="b_principal2", full_name="Hà Văn Hiệu"
        )
        self.other_office = world.office
        self.other_commune = world.commune
        self.outsider_school = world.school
        self.outsider_officer = world.officer
        self.outsider_principal = world.principal


@contextlib.contextmanager
def unique_names():
    """Builders give some units and people fixed codes and user names ("TH2", "spare"), unique
    across the portal: while office B's copies are built they get a "b-" prefix."""
    real_unit, real_user = factories.make_unit, factories.make_user

    def make_unit_b(*args, code=None, **kwargs):
        return real_unit(*args, code=f"B-{code}" if code else None, **kwargs)

    def make_user_b(*args, username=None, **kwargs):
        return real_user(*args, username=f"b-{username}" if username else None, **kwargs)

    with (
        mock.patch("tests.literacy.fixtures.make_unit", make_unit_b),
        mock.patch("tests.units.matrix.make_user", make_user_b),
    ):
        yield
