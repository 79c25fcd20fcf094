"""`make backup`: the database and every uploaded file, into backups/<timestamp>/.

- PostgreSQL: `pg_dump --format=custom` (consistent snapshot while the site runs).
- SQLite: the online backup API (sqlite3 .backup), safe while the site and worker write.
- MEDIA_ROOT: copied file by file; manifest.json lists each file's SHA-256 and each table's
  row count so restore_portal can say whether it gave back what was saved.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def pg_env(db: dict) -> dict:
    """libpq reads the connection from the environment; the password never goes on a command line."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def row_counts() -> dict:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.count()
    return dict(sorted(counts.items()))


def media_checksums(root: Path) -> dict:
    sums = {}
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            sums[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào backups/<thời điểm>/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(settings.BASE_DIR / "backups"), help="Thư mục chứa các bản sao lưu."
        )

    def handle(self, *args, output, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(output) / stamp
        n = 1
        while target.exists():  # two backups in the same second keep both
            n += 1
            target = Path(output) / f"{stamp}-{n}"
        target.mkdir(parents=True)
        db = settings.DATABASES["default"]
        if is_postgres():
            dump = target / "database.dump"
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), db["NAME"]],
                env=pg_env(db),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                shutil.rmtree(target)
                raise CommandError(f"pg_dump thất bại: {result.stderr.strip()}")
            engine = "postgresql"
        else:
            connection.ensure_connection()
            with sqlite3.connect(target / "database.sqlite3") as copy:
                sqlite_copy(connection.connection, copy)
            copy.close()
            engine = "sqlite"
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            shutil.copytree(media_root, target / "media")
        else:
            (target / "media").mkdir()
        manifest = {
            "created": timezone.now().isoformat(),
            "engine": engine,
            "rows": row_counts(),
            "media": media_checksums(target / "media"),
        }
        (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {target} ({sum(manifest['rows'].values())} dòng dữ liệu, "
                f"{len(manifest['media'])} tệp đính kèm)."
            )
        )
        return str(target)
