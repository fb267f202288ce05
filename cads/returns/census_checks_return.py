"""CIN census checks on the return as a whole (one function per DfE rule, named in
`census_rules.RETURN_RULES`). The DfE raises these once for the local authority, not for a
child. Each returns True when the return FAILS the rule.

The census is checked child by child while it streams (memory does not grow with the number
of children), so what these rules need of the whole return is gathered on the way, in a
`ReturnTally` fed every child of the return, and the checks read the tally at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from cads.people.models import Disability, Sex
from cads.returns.census_data import CensusChild

# DfE CIN census 2026-27, rule 2886Q: Sex missing or "U" is not recorded.
NO_SEX: Final = frozenset({"", Sex.UNKNOWN})
# DfE CIN census 2026-27, rule 2886Q: more than 2% (1 in 50) of the children.
NO_SEX_SHARE_DENOMINATOR: Final = 50
# DfE CIN census 2026-27, rule 2887Q: more than 7 different codes, NONE aside.
FEWEST_DISABILITY_CODES: Final = 8


@dataclass
class ReturnTally:
    """Counts over every child in the return, added one child at a time."""

    children: int = 0
    # Born (no expected date of birth) with no sex recorded: 2886Q.
    born_without_sex: int = 0
    # The different disability codes used in the return, NONE aside: 2887Q.
    disability_codes: set[str] = field(default_factory=set)
    # The most disability codes, NONE aside, recorded for one child: 2888Q.
    most_disabilities: int = 0

    def add(self, child: CensusChild) -> None:
        self.children += 1
        if child.sex in NO_SEX and child.expected_date_of_birth is None:
            self.born_without_sex += 1
        codes = [code for code in child.disabilities if code != Disability.NONE]
        self.disability_codes.update(codes)
        self.most_disabilities = max(self.most_disabilities, len(codes))


def sex_not_recorded_for_over_2_percent(tally: ReturnTally) -> bool:  # 2886Q
    # DfE CIN census 2026-27, rule 2886Q: children with Sex missing or "U" and no
    # ExpectedPersonBirthDate (unborn children aside), divided by every child in the return
    # (unborn ones too), above 0.02. Counted in whole numbers: more than 1 in 50.
    return tally.born_without_sex * NO_SEX_SHARE_DENOMINATOR > tally.children


def fewer_than_8_disability_codes(tally: ReturnTally) -> bool:  # 2887Q
    # DfE CIN census 2026-27, rule 2887Q, as the DfE words it: NONE aside, the number of
    # different disability codes the authority used should be more than 7. The DfE's
    # validator (0.1.13) counts the children recorded NONE instead (ADR 0029).
    return len(tally.disability_codes) < FEWEST_DISABILITY_CODES


def one_disability_per_child(tally: ReturnTally) -> bool:  # 2888Q
    # DfE CIN census 2026-27, rule 2888Q: NONE aside, raised when children have a
    # disability recorded and none of them has more than one code. A return with no
    # disability recorded is not raised (nor by the DfE's validator).
    return tally.most_disabilities == 1
