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
from tests import layers
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
    assert {
        "accounts:home",
        "accounts:sign-in",
        "oversight:who-viewed",
        "people:person-detail",
    } <= names


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
    for file in sorted((ROOT / "cads").glob("**/views*.py")) + sorted(
        (ROOT / "cads").glob("**/forms*.py")
    ):
        calls = _calls_in(ast.parse(file.read_text()))
        if "save" in calls or "objects.create" in calls:
            offenders.append(str(file.relative_to(ROOT)))
    assert offenders == []


def test_apps_import_only_apps_on_lower_floors() -> None:
    """docs/architecture.md, "Floors": checked on every import, inside functions too."""
    assert layers.floor_violations(ROOT) == []


def test_imports_inside_functions_give_a_reason() -> None:
    assert layers.inner_import_violations(ROOT) == []


def test_migrations_carry_their_own_sql_and_data() -> None:
    assert layers.migration_violations(ROOT) == []


def test_no_fallback_for_an_app_of_ours_that_is_not_installed() -> None:
    assert layers.import_error_fallbacks(ROOT) == []


def _plant(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    (path.parent / "apps.py").touch()


def test_the_floor_check_catches_a_planted_upward_import(tmp_path: Path) -> None:
    _plant(tmp_path, "cads/contacts/services.py", "from cads.letters.services import owe\n")
    _plant(tmp_path, "cads/letters/services.py", "from cads.contacts.models import Contact\n")
    assert layers.floor_violations(tmp_path) == [
        "cads/contacts/services.py:1: cads.contacts imports cads.letters.services (not below it)"
    ]


def test_the_floor_check_sees_imports_inside_functions_and_dotted_paths(tmp_path: Path) -> None:
    _plant(
        tmp_path,
        "cads/core/navigation.py",
        "from django.utils.module_loading import import_string\n"
        "def count():\n"
        "    from cads.screening.selectors import tray_count  # noqa: PLC0415 - hidden\n"
        "    return import_string('cads.alerts.selectors.unread_count')\n",
    )
    problems = layers.floor_violations(tmp_path)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "cads.core imports cads.screening.selectors (not below it)",
        "cads.core imports cads.alerts.selectors.unread_count (not below it)",
    ]


def test_apps_on_one_floor_do_not_import_each_other(tmp_path: Path) -> None:
    _plant(tmp_path, "cads/returns/views.py", "from cads.reporting.scope import Scope\n")
    assert len(layers.floor_violations(tmp_path)) == 1


def test_an_app_with_no_floor_fails_the_check(tmp_path: Path) -> None:
    _plant(tmp_path, "cads/newapp/models.py", "")
    assert layers.floor_violations(tmp_path) == ["cads.newapp has no floor in tests/layers.py"]


def test_an_inner_import_without_a_reason_fails(tmp_path: Path) -> None:
    _plant(tmp_path, "cads/core/lazy.py", "def f():\n    import cads.core.clocks\n")
    assert layers.inner_import_violations(tmp_path) == [
        "cads/core/lazy.py:2: import inside a function without a reason"
    ]
    _plant(
        tmp_path,
        "cads/core/lazy.py",
        "def f():\n    import cads.core.clocks  # noqa: PLC0415 - only when asked\n",
    )
    assert layers.inner_import_violations(tmp_path) == []


def test_a_migration_importing_app_code_fails(tmp_path: Path) -> None:
    _plant(
        tmp_path, "cads/reporting/migrations/0002_x.py", "from cads.reporting.facts import SQL\n"
    )
    assert len(layers.migration_violations(tmp_path)) == 1


def test_an_import_error_fallback_fails(tmp_path: Path) -> None:
    _plant(
        tmp_path,
        "cads/decisions/clocks.py",
        "try:\n    from cads.screening.clocks import due\nexcept ImportError:\n    due = None\n",
    )
    assert layers.import_error_fallbacks(tmp_path) == [
        "cads/decisions/clocks.py:1: except ImportError"
    ]
