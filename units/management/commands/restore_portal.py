"""`make restore BACKUP=backups/<timestamp>`: put a backup made by backup_portal back.

Replaces the whole database and MEDIA_ROOT with the backup's, then checks row counts and file
checksums against the backup's manifest and says whether they match. Stop the web server and the
worker first (the Makefile target says so); it asks for confirmation unless --yes is given.
"""

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup_portal import is_postgres, media_checksums, pg_env, row_counts, sqlite_copy


def latest_backup(root: Path) -> Path | None:
    candidates = sorted(p for p in root.glob("*") if (p / "manifest.json").is_file())
    return candidates[-1] if candidates else None


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp đính kèm từ một bản sao lưu (mặc định: bản mới nhất)."

    def add_arguments(self, parser):
        parser.add_argument("backup", nargs="?", default="", help="Thư mục bản sao lưu, ví dụ backups/20261122-230000.")
        parser.add_argument("--yes", action="store_true", help="Không hỏi xác nhận.")

    def handle(self, *args, backup, yes, **options):
        source = Path(backup) if backup else latest_backup(settings.BASE_DIR / "backups")
        if source is None or not (source / "manifest.json").is_file():
            raise CommandError("Không tìm thấy bản sao lưu (thư mục phải có manifest.json).")
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
        engine = "postgresql" if is_postgres() else "sqlite"
        if manifest["engine"] != engine:
            raise CommandError(f"Bản sao lưu dành cho {manifest['engine']}, cơ sở dữ liệu hiện tại là {engine}.")
        if not yes:
            answer = input(f"Toàn bộ dữ liệu hiện tại sẽ bị thay bằng bản sao lưu {source}. Gõ 'dong y' để tiếp tục: ")
            if answer.strip().lower() not in {"dong y", "đồng ý"}:
                raise CommandError("Đã hủy, không thay đổi gì.")

        db = settings.DATABASES["default"]
        if engine == "postgresql":
            connection.close()
            result = subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    db["NAME"],
                    str(source / "database.dump"),
                ],
                env=pg_env(db),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise CommandError(f"pg_restore thất bại, cơ sở dữ liệu giữ nguyên: {result.stderr.strip()}")
        else:
            connection.ensure_connection()
            with sqlite3.connect(source / "database.sqlite3") as saved:
                sqlite_copy(saved, connection.connection)
            saved.close()

        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        for child in media_root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(source / "media", media_root, dirs_exist_ok=True)

        rows, media = row_counts(), media_checksums(media_root)
        if rows != manifest["rows"] or media != manifest["media"]:
            raise CommandError("Đã khôi phục nhưng số dòng hoặc tệp không khớp với bản sao lưu: hãy kiểm tra lại.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục từ {source}: {sum(rows.values())} dòng dữ liệu, {len(media)} tệp, khớp với bản sao lưu."
            )
        )
