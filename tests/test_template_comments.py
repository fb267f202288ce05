"""Django's {# #} comment is one line only: one that runs over two lines is printed on the
page as it stands (it once showed "{# Ranked search results…" on every search). Multi-line
comments use {% comment %}."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_template_has_a_comment_over_several_lines() -> None:
    found = []
    for path in sorted([*ROOT.glob("cads/**/templates/**/*.html"), *ROOT.glob("templates/**/*")]):
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            rest = line
            while "{#" in rest:
                rest = rest[rest.index("{#") + 2 :]
                if "#}" not in rest:
                    found.append(f"{path.relative_to(ROOT)}:{number}")
                    break
                rest = rest[rest.index("#}") + 2 :]
    assert found == []
