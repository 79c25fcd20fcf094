"""`make backup` then `make restore` gives back exactly the data and files that were saved."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import World
from units import services
from units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot() -> dict:
    """Every row of every table, serialised in primary-key order, plus every uploaded file."""
    data = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            data[model._meta.label] = serializers.serialize("json", model._base_manager.order_by("pk"))
    media = Path(settings.MEDIA_ROOT)
    files = {p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()}
    return {"rows": data, "files": files}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "minh-chung").mkdir(parents=True)
    (settings.MEDIA_ROOT / "minh-chung" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 bi\xean b\xe1n")
    return settings.MEDIA_ROOT


def test_restore_gives_back_identical_data_and_files(media, tmp_path, capsys):
    world = World()
    before = _snapshot()
    target = Path(call_command("backup_portal", output=str(tmp_path / "backups")))
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["units_unit"] == Unit.objects.count()
    assert "minh-chung/bien-ban.pdf" in manifest["media"]
    assert "Đã sao lưu" in capsys.readouterr().out

    # Damage after the backup: renamed and new rows, a lost file, a stray file.
    services.unit_update(actor=world.officer, unit=world.hamlet, name="Tên sai")
    Unit.objects.filter(pk=world.other_school.pk).update(name="Bị sửa tay")
    (media / "minh-chung" / "bien-ban.pdf").unlink()
    (media / "la.txt").write_text("không thuộc bản sao lưu")
    assert _snapshot() != before

    call_command("restore_portal", str(target), yes=True)
    assert _snapshot() == before
    assert "khớp với bản sao lưu" in capsys.readouterr().out


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy bản sao lưu"):
        call_command("restore_portal", str(tmp_path), yes=True)


def test_restore_asks_before_replacing_everything(media, tmp_path, monkeypatch):
    World()
    target = call_command("backup_portal", output=str(tmp_path / "backups"))
    monkeypatch.setattr("builtins.input", lambda prompt: "không")
    with pytest.raises(CommandError, match="Đã hủy"):
        call_command("restore_portal", target)
