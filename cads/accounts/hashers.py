"""The password hasher: Argon2id at a documented cost (ADR 0026).

Django's default Argon2 parameters (time 2, memory 100 MiB, 8 lanes) took about 0.6 s a
hash on the shared 2-core machine and 100 MiB each, so ten people signing in at once queued
for seconds and held the public form's web workers. OWASP's Password Storage Cheat Sheet
gives Argon2id with 19 MiB of memory, 2 iterations and 1 degree of parallelism as the
minimum configuration; CADS uses exactly that (about 0.1 s a hash on that machine). The
algorithm name is unchanged, so existing hashes still verify and are re-hashed at these
parameters the next time their owner signs in."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class CadsArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
