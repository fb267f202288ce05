"""Scoring the probes' results and writing the matching section of docs/benchmarks.md."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.docs_section import subsection_write
from bench.probes import Probe
from cads.people.matching import Band, Candidate

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
SECTION = "## Person matching"


def share(part: int, whole: int) -> str:
    return f"{part:,} / {whole:,} ({100 * part / whole:.2f}%)" if whole else "n/a"


@dataclass
class Quality:
    """How well the ranked candidates found the labelled people."""

    present: int = 0
    top10: int = 0
    first: int = 0
    true_certain: int = 0
    certain: int = 0
    certain_right: int = 0
    absent: int = 0
    absent_false_certain: int = 0
    hard: int = 0
    hard_false_certain: int = 0
    hard_by_kind: Counter[str] = field(default_factory=Counter)
    hard_false_by_kind: Counter[str] = field(default_factory=Counter)
    present_by_kind: Counter[str] = field(default_factory=Counter)
    missed_by_kind: Counter[str] = field(default_factory=Counter)
    not_first_by_kind: Counter[str] = field(default_factory=Counter)
    twin_first: int = 0

    def add(self, probe: Probe, found: list[Candidate]) -> None:
        ids = [c.person_id for c in found]
        certain = [c.person_id for c in found if c.band == Band.CERTAIN]
        self.certain += len(certain)
        self.certain_right += sum(1 for i in certain if i == probe.truth)
        wrong_certain = any(i != probe.truth for i in certain)
        if probe.group == "present":
            self._present(probe, ids, certain)
        elif probe.group == "absent":
            self.absent += 1
            self.absent_false_certain += wrong_certain
        else:
            self.hard += 1
            self.hard_by_kind[probe.kind] += 1
            self.hard_false_certain += wrong_certain
            self.hard_false_by_kind[probe.kind] += wrong_certain
            self.twin_first += bool(ids) and ids[0] == probe.truth

    def _present(self, probe: Probe, ids: list[uuid.UUID], certain: list[uuid.UUID]) -> None:
        self.present += 1
        self.top10 += probe.truth in ids
        self.first += bool(ids) and ids[0] == probe.truth
        self.true_certain += probe.truth in certain
        for kind in probe.kind.split("+"):  # a probe with two errors counts under each
            self.present_by_kind[kind] += 1
            self.missed_by_kind[kind] += probe.truth not in ids
            self.not_first_by_kind[kind] += not ids or ids[0] != probe.truth

    def rows(self) -> list[tuple[str, str]]:
        hard_kinds = ", ".join(
            f"{k} {self.hard_false_by_kind[k]}/{n}" for k, n in sorted(self.hard_by_kind.items())
        )
        twins = self.hard_by_kind["twin_present"]
        return [
            ("True person in top 10 (present probes)", share(self.top10, self.present)),
            ("True person first", share(self.first, self.present)),
            ("True person *certain*", share(self.true_certain, self.present)),
            ("*Certain* precision (all probes)", share(self.certain_right, self.certain)),
            ("False *certain*, absent probes", share(self.absent_false_certain, self.absent)),
            ("False *certain*, hard negatives", share(self.hard_false_certain, self.hard)),
            ("… by kind (false certain / probes)", hard_kinds),
            (
                "Twin searched, other twin on the register: right one first",
                share(self.twin_first, twins),
            ),
        ]

    def kind_table(self) -> list[str]:
        """Present probes by error pattern (one with two errors counts under each), the
        worst first."""
        lines = ["| Error pattern | Probes | Not in top 10 | Not first |", "|---|---|---|---|"]
        worst = sorted(
            self.present_by_kind, key=lambda k: -self.not_first_by_kind[k] / self.present_by_kind[k]
        )
        for kind in worst:
            n = self.present_by_kind[kind]
            lines.append(
                f"| {kind} | {n} | {self.missed_by_kind[kind]} | {self.not_first_by_kind[kind]} |"
            )
        return lines  # fmt: skip


def quality(probes: list[Probe], results: list[list[Candidate]]) -> Quality:
    q = Quality()
    for probe, found in zip(probes, results, strict=True):
        q.add(probe, found)
    return q


def docs_write(size: int, body: list[str]) -> None:
    """Put `body` under "### <size> people" in the matching section, replacing an earlier
    run of the same size; the section's opening (with its hand-written findings) is kept."""
    title = f"### {size:,} people"
    subsection_write(DOCS, SECTION, INTRO, title, body, order=_size_of, rewrite_intro=False)


def _size_of(subsection: str) -> int:
    match = re.match(r"### ([\d,]+) people", subsection)
    return int(match.group(1).replace(",", "")) if match else 0


INTRO = """Command: `make bench-matching SIZE=100000` (runs `.venv/bin/python -m
bench.bench_matching --size 100000 --keep --write-docs` against its own database,
`cads_bench_matching_100000`, on the embedded server; `--keep` keeps the loaded register, so
a rerun skips the load). Each size's subsection below names the command that produced it.

The register is synthetic and seeded (`bench/register.py`): families at addresses with one or
two adults and one to four children, about 1% of children twins (same birth date, family
name and address; names like Leo and Lea), names from Faker's lists and from South Asian,
Polish, Romanian, West African, Arabic, Somali and Irish communities, each community's
common names with a long tail of rarer ones (`bench/names.py`), NHS numbers from the 999
test range for about 70% of people, UPNs for some school-age children, and
also-known-as or previous names for a few percent. It is loaded with PostgreSQL COPY with
the secondary indexes dropped, then each index is rebuilt and timed. The probes
(`bench/probe_sets.py`, `bench/corrupt.py`) are labelled: *present* probes are register
people with one or two typing errors (typos, nicknames, swapped given and family names,
hyphenated or changed family names, day/month swaps, one-digit date errors, missing fields,
postcodes and addresses typed differently); *absent* probes are people from a register made
with another seed; *hard negatives* are twins searched with the other twin on the register,
twins and siblings who are not on the register, a sibling's name with another sibling's
birth date, and people with the same name and birth date living elsewhere. Latency is wall
clock per call; "4 users" are four processes sending requests back to back on the 2-core
machine, so their latency includes queueing for the CPUs. The search page is measured with
Django's test client through the whole middleware stack (session, two-factor check,
permission, access-log writes, template rendering), without a network hop and without the
test framework's template instrumentation (`setup_test_environment` is not called)."""
