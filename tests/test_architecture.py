"""Architecture rules from the style guide (docs/architecture.md, "Every view declares who
may use it"): checked on the real URLconf, and shown to catch a bad view."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import get_resolver, path

from cads.core.access import public, requires
from cads.core.admin_site import CadsAdminSite
from tests.architecture import iter_routes, violations

ROOT = Path(__file__).resolve().parent.parent


def undeclared_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("anyone can see this")


@requires("accounts.use_service")
def declared_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("fine")


def test_every_url_declares_access_is_kebab_case_and_typed() -> None:
    assert violations(get_resolver().url_patterns) == []


def test_the_check_covers_the_service_screens() -> None:
    names = {route.name for route in iter_routes(get_resolver().url_patterns)}
    assert {"core:home", "accounts:sign-in", "audit:who-viewed", "people:person-detail"} <= names


def test_a_view_without_a_permission_fails_the_check() -> None:
    patterns = [
        path("fine/", declared_view, name="fine"),
        path("new-screen/", undeclared_view, name="new-screen"),
    ]
    assert violations(patterns) == ["new-screen/ (new-screen) declares no access (public/requires)"]


def test_snake_case_paths_and_untyped_ids_fail_the_check() -> None:
    patterns = [
        path("child_record/", public(undeclared_view), name="a"),
        path("child/<pk>/", public(undeclared_view), name="b"),
    ]
    assert violations(patterns) == [
        "child_record/ (a) is not kebab-case: 'child_record'",
        "child/<pk>/ (b) has pk without a converter",
    ]


def test_requires_refuses_an_empty_permission_list() -> None:
    with pytest.raises(ValueError, match="at least one permission"):
        requires()


def test_admin_site_demands_two_factor() -> None:
    assert isinstance(admin.site, CadsAdminSite)


def _calls_in(tree: ast.AST) -> set[str]:
    calls = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func
            if target.attr == "create" and isinstance(target.value, ast.Attribute):
                calls.add(f"{target.value.attr}.create")
            elif target.attr == "save":
                calls.add("save")
    return calls


def test_views_and_forms_never_write_models_directly() -> None:
    """Writes go through services so each one is audited (style guide 4.3)."""
    offenders = []
    for file in sorted((ROOT / "cads").glob("*/views.py")) + sorted(
        (ROOT / "cads").glob("*/forms.py")
    ):
        calls = _calls_in(ast.parse(file.read_text()))
        if "save" in calls or "objects.create" in calls:
            offenders.append(str(file.relative_to(ROOT)))
    assert offenders == []
