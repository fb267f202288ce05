"""What the DfE rule checks found: failures by child (for the page and the command), counts
by rule, and the rules the return as a whole fails."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field

from cads.returns.census_data import CensusChild
from cads.returns.census_rules import ERROR, ReturnRule, Rule

# Failures kept for the page and the command; beyond this only the counts grow, so a return
# with a systematic gap (say, no ethnicity recorded) cannot exhaust memory.
FAILURES_KEPT = 5000
# A restricted record's name is not listed: the link leads to the record, which applies its
# own access list and break-glass (people.restriction).
RESTRICTED = "Restricted record"


@dataclass(frozen=True)
class Failure:
    rule: Rule
    person_id: uuid.UUID
    name: str
    la_child_id: str


@dataclass
class ValidationReport:
    """`counts` are by child; `errors` and `queries` count every failure, the return's
    too."""

    failures: list[Failure] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    queries: int = 0
    return_failures: list[ReturnRule] = field(default_factory=list)

    def add(self, child: CensusChild, rules: list[Rule]) -> None:
        for rule in rules:
            self.counts[rule.code] += 1
            if rule.severity == ERROR:
                self.errors += 1
            else:
                self.queries += 1
            if len(self.failures) < FAILURES_KEPT:
                shown = RESTRICTED if child.restricted else child.name
                self.failures.append(Failure(rule, child.person_id, shown, child.la_child_id))

    def add_return(self, rules: list[ReturnRule]) -> None:
        """The rules the whole return fails (`census_rules.failed_return_rules`)."""
        for rule in rules:
            self.return_failures.append(rule)
            if rule.severity == ERROR:
                self.errors += 1
            else:
                self.queries += 1

    @property
    def truncated(self) -> bool:
        return sum(self.counts.values()) > len(self.failures)
