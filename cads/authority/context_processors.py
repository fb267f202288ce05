"""The authority's names and numbers on every page (header, footer, 999 instruction)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cads.authority.selectors import authority_configuration


def authority(request: HttpRequest) -> dict[str, Any]:
    return {"authority": authority_configuration()}
