"""Passwords are hashed with Argon2id at the documented cost, and a password hashed at
Django's default cost still signs in and is re-hashed at the documented one."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, identify_hasher
from django.test import override_settings

from cads.accounts.hashers import CadsArgon2PasswordHasher

HASHERS = ["cads.accounts.hashers.CadsArgon2PasswordHasher"]


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_an_old_argon2_hash_still_verifies_and_is_upgraded() -> None:
    old = Argon2PasswordHasher().encode("correct-horse-battery-staple", "saltsaltsalt")
    upgraded: list[str] = []
    assert check_password("correct-horse-battery-staple", old, setter=upgraded.append)
    assert upgraded, "the hash at Django's default cost is replaced"
    params = identify_hasher(old).decode(old)
    assert (params["time_cost"], params["memory_cost"]) == (2, 102400)
    new = CadsArgon2PasswordHasher().encode("correct-horse-battery-staple", "saltsaltsalt")
    params = CadsArgon2PasswordHasher().decode(new)
    assert (params["time_cost"], params["memory_cost"], params["parallelism"]) == (2, 19456, 1)
    assert "$argon2id$" in new
