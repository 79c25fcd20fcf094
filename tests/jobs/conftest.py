import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Job results are files: keep them out of the project's media/ folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
