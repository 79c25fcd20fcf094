"""The throw-away database every bench script starts from (one copy, used by each script's main).

SQLite: the file named by DATABASE_URL is deleted. PostgreSQL: the public schema is dropped and
created again, and only in a database whose name contains "bench", so a bench never wipes real data.
Then `migrate`, and with seed=True the demo district of `seed_demo`.
"""

import io
import os
import sys


def fresh_database(*, seed: bool = False) -> None:
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if connection.vendor == "sqlite":
        path = connection.settings_dict["NAME"]
        connection.close()
        if os.path.exists(path):
            os.remove(path)
    else:
        if "bench" not in connection.settings_dict["NAME"]:
            sys.exit("Refusing to wipe a database whose name does not contain 'bench'.")
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    if seed:
        call_command("seed_demo", stdout=io.StringIO())
