"""The password hasher the portal prefers: Argon2id with the OWASP Password Storage Cheat Sheet's
first recommended configuration (19 MiB of memory, 2 iterations, 1 lane).

Why not Django's default PBKDF2 (1,000,000 iterations in 5.2): on the office's 2-core server one
PBKDF2 check costs ~0.35 s of a core, so fifty colleagues logging in after the morning meeting queue
for seconds, and it is cheap to attack on GPUs. Argon2id is memory-hard (the GPU advantage goes)
and this configuration checks in ~30 ms. Django's own Argon2 settings (100 MiB, 8 lanes) cost
~150 ms here without being what OWASP asks for.

Existing hashes keep working: Django checks a password with the hasher named in its stored hash
and, because this hasher is first in PASSWORD_HASHERS, re-hashes it in this form at the next
successful login (bench/load.py measures the login; docs/security.md explains the choice).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2idHasher(Argon2PasswordHasher):
    """The standard "argon2" hash format (argon2id), with OWASP's parameters."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
