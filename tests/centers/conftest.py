import pytest

from tests.factories import make_unit, make_user
from units.models import Role, UnitKind


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded evidence goes to a throw-away folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def other_centre(world):
    """A second centre of office A, in the especially difficult commune, with its own director."""
    centre = make_unit(UnitKind.CENTRE, parent=world.difficult_commune, name="TTHTCĐ xã Nậm Pồ", code="TT2")
    centre.director = make_user(Role.CENTRE_DIRECTOR, centre, username="director2", full_name="Lò Văn Pấng")
    return centre
