"""The most a ranking could find among the no-date-of-birth probes whose family has moved
(ADR 0009, amendment of 2026-12-07).

A moved probe gives the true person's names (perhaps with a slip), perhaps their sex, and
the address of another household: no date of birth and nothing of where they live. Everyone
whose main names are exactly the true person's, of the same sex when the search gives one,
and not at the searched postcode, agrees with the search exactly as well as the true person
does: nothing searched tells them apart. If k people (the true person among them) are so
tied, a ranking puts the true person in its top 10 with probability min(1, 10 / k) at most,
on average over the ways it could order them. At 1M people the synthetic register's
community name lists give some names a hundred holders. (Namesakes at the searched postcode
agree better than the true person and are not counted, so this is an upper bound.)
"""

from __future__ import annotations

from django.db import connection

from bench.probes import Probe

# The true person's main names against everyone's main names, on the (given_root,
# family_sound) index.
_TIED = """
SELECT count(DISTINCT k.person_id)
FROM people_personnamekey t
JOIN people_personnamekey k
  ON k.given_root = t.given_root AND k.family_sound = t.family_sound
 AND k.given = t.given AND k.family = t.family
JOIN people_person p ON p.id = k.person_id
WHERE t.person_id = %(truth)s AND t.is_main AND k.is_main AND p.merged_into_id IS NULL
  AND (%(sex)s = '' OR p.sex = %(sex)s) AND (k.postcode <> %(pc)s OR k.person_id = t.person_id)
"""


def tied(probe: Probe) -> int:
    """How many people (the true person included) the search cannot tell from the true
    person; at least 1."""
    postcode = probe.query().postcode
    with connection.cursor() as cursor:
        cursor.execute(_TIED, {"truth": probe.truth, "sex": probe.sex, "pc": postcode})
        row = cursor.fetchone()
    return max(1, row[0] if row else 1)


def moved_ceiling(probes: list[Probe]) -> tuple[float, int]:
    """The expected most "true person in top 10" over the present probes whose family has
    moved, and how many such probes there are."""
    moved = [p for p in probes if p.group == "present" and "moved" in p.kind.split("+")]
    return sum(min(1.0, 10 / tied(p)) for p in moved), len(moved)
