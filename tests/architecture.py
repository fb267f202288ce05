"""Checks on the URLconf shared by the architecture tests: every view declares who may use
it (cads.core.access), paths are kebab-case, and id parameters have converters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver

from cads.core.access import access_of

# Django's admin enforces staff + two-factor through CadsAdminSite.has_permission.
EXEMPT_NAMESPACES = frozenset({"admin"})
LITERAL_SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    path: str
    name: str
    view: Any


def iter_routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every concrete route under `patterns`, with its full path and namespaced name."""
    for pattern in patterns:
        path = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            child_ns = f"{namespace}:{ns}".strip(":") if ns else namespace
            yield from iter_routes(pattern.url_patterns, path, child_ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else "(unnamed)"
            yield Route(path=path, name=name, view=pattern.callback)


def violations(patterns: list[Any]) -> list[str]:
    """Human-readable problems with `patterns`; empty when all is well."""
    problems = []
    for route in iter_routes(patterns):
        access = access_of(route.view)
        if access is None:
            problems.append(f"{route.path} ({route.name}) declares no access (public/requires)")
        elif access.kind == "permission" and not access.permissions:
            problems.append(f"{route.path} ({route.name}) requires no permission")
        for segment in PARAMETER.sub("", route.path).strip("/").split("/"):
            if segment and not LITERAL_SEGMENT.match(segment):
                problems.append(f"{route.path} ({route.name}) is not kebab-case: {segment!r}")
        for match in PARAMETER.finditer(route.path):
            if match["converter"] is None:
                problems.append(
                    f"{route.path} ({route.name}) has {match['name']} without a converter"
                )
    return problems
