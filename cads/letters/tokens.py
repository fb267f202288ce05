"""The link in a letter of instructions that records its receipt: a token signed with the
SECRET_KEY (HMAC), so it cannot be guessed or altered, naming only the letter."""

from __future__ import annotations

import uuid
from typing import Final

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT: Final = "cads.letters.acknowledge"


def acknowledge_token(letter_id: uuid.UUID) -> str:
    # No timestamp: the link stays the same for the letter, and a letter of instructions
    # may be acknowledged weeks later.
    return signing.Signer(salt=SALT).sign_object(str(letter_id))


def acknowledge_url(letter_id: uuid.UUID) -> str:
    path = reverse("letters:acknowledge", args=[acknowledge_token(letter_id)])
    return settings.CADS_BASE_URL.rstrip("/") + path


def letter_id_from_token(token: str) -> uuid.UUID | None:
    """The letter a token names, or None when it was not signed by us."""
    try:
        return uuid.UUID(signing.Signer(salt=SALT).unsign_object(token))
    except (signing.BadSignature, ValueError):
        return None
