"""Writing a benchmark's figures into its section of docs/benchmarks.md: one subsection a run
(a register size, a profile), replacing the earlier run with the same title and keeping every
other subsection and section as it is. Shared by the matching and reporting benchmarks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path


def subsection_write(
    docs: Path,
    section: str,
    intro: str,
    title: str,
    body: list[str],
    *,
    order: Callable[[str], int],
    rewrite_intro: bool,
) -> None:
    """Put `body` under `title` in `section` (made with `intro` when missing), subsections
    sorted by `order`. With `rewrite_intro` the text before the first subsection becomes
    `intro` again; otherwise it is kept (it may hold hand-written findings)."""
    text = docs.read_text(encoding="utf-8")
    if section not in text:
        text = text.rstrip("\n") + f"\n\n{section}\n\n{intro}\n"
    head, _, own = text.partition(section)
    end = re.search(r"^## ", own, flags=re.MULTILINE)
    rest = own[end.start() :] if end else ""
    own = own[: end.start()] if end else own
    block = "\n".join([title, "", *body]).rstrip("\n") + "\n"
    parts = re.split(r"(?=^### )", own, flags=re.MULTILINE)
    kept = [p.rstrip("\n") + "\n" for p in parts[1:] if not p.startswith(title + "\n")]
    subsections = sorted([*kept, block], key=order)
    opening = "\n\n" + intro if rewrite_intro else parts[0].rstrip("\n")
    own = opening + "\n\n" + "\n".join(subsections)
    docs.write_text(head + section + own + ("\n" + rest if rest else ""), encoding="utf-8")
