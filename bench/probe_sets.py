"""The benchmark's labelled probe set, drawn from the loaded register with a seeded order.

Three groups, each probe labelled with the person it means (or none):
- present: a register person as someone might type them (bench/probes.py, bench/corrupt.py);
- absent: people who are not on the register at all;
- hard: negatives built to tempt a false *certain*: a twin searched by their own details
  while the other twin is on the register (`twin_present`, the one kind with a true
  person); a twin or a younger or older sibling who is not on the register
  (`twin_absent`, `sibling_absent`); a sibling's given name with another sibling's birth
  date (`sibling_mixed`); someone with the same name and birth date living elsewhere
  (`namesake`).
The same register and seed give the same probes.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import replace

from django.db import connection
from django.db.models.expressions import RawSQL

from bench import corrupt
from bench.corrupt import NICKNAMES
from bench.names import SIMILAR_TWIN_NAMES
from bench.probes import Probe, exact_probe, present_probe
from bench.register import REFERENCE_DATE, RegisterGenerator, nhs_number_from
from cads.people.models import Person, PersonName

_TWIN_NAMES = {a: (b, sb) for a, _, b, sb in SIMILAR_TWIN_NAMES} | {
    b: (a, sa) for a, sa, b, _ in SIMILAR_TWIN_NAMES
}


def _sample(seed: int, count: int, **lookups: object) -> list[Person]:
    order = RawSQL("md5(people_person.id::text || %s)", [str(seed)])
    people = Person.objects.filter(**lookups).select_related("household")
    return list(people.prefetch_related("other_names").order_by(order)[:count])


def _sibling_pairs(seed: int, *, twins: bool, count: int) -> list[tuple[Person, Person]]:
    """Sibling pairs on the register, born the same day (twins) or not."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.from_person_id, r.to_person_id FROM people_relationship r "
            "JOIN people_person a ON a.id = r.from_person_id "
            "JOIN people_person b ON b.id = r.to_person_id "
            "WHERE r.kind = 'sibling' AND (a.date_of_birth = b.date_of_birth) = %s "
            "ORDER BY md5(r.id::text || %s) LIMIT %s",
            [twins, str(seed), count],
        )
        ids = cursor.fetchall()
    people = Person.objects.select_related("household").in_bulk([i for pair in ids for i in pair])
    return [(people[a], people[b]) for a, b in ids]


def _twin_ids() -> set[object]:
    """Everyone with a sibling born the same day: an invented twin of theirs may be real."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.from_person_id, r.to_person_id FROM people_relationship r "
            "JOIN people_person a ON a.id = r.from_person_id "
            "JOIN people_person b ON b.id = r.to_person_id "
            "WHERE r.kind = 'sibling' AND a.date_of_birth = b.date_of_birth"
        )
        return {i for pair in cursor.fetchall() for i in pair}


def _test_range_nhs(rng: random.Random) -> str:
    """An NHS number from the 998 test range, which the register (999) never uses."""
    while not (number := nhs_number_from(f"998{rng.randrange(10**6):06d}")):
        pass
    return number


def _stranger(rng: random.Random, p: Person, kind: str, **changes: object) -> Probe:
    """Someone who is not on the register: `p`'s details changed as given, no identifier
    of `p`'s, and sometimes an NHS number of their own."""
    probe = exact_probe(rng, p, group="hard", kind=kind)
    nhs = _test_range_nhs(rng) if rng.random() < 0.3 else ""
    return replace(probe, truth=None, nhs_number=nhs, upn="", **changes)  # type: ignore[arg-type]


def _other_given(rng: random.Random, p: Person, pool: list[Person]) -> tuple[str, str]:
    """A twin's name and sex: the similar name when there is one (Leo and Lea), otherwise
    a different real given name, half the time with the same first letter."""
    if p.given_name in _TWIN_NAMES and rng.random() < 0.8:
        return _TWIN_NAMES[p.given_name]
    initial = p.given_name[:1] if rng.random() < 0.5 else ""
    names = [q for q in pool if q.given_name != p.given_name and q.given_name.startswith(initial)]
    other = rng.choice(names or pool)
    return other.given_name, other.sex


def _sibling_absent(rng: random.Random, p: Person, pool: list[Person]) -> Probe | None:
    """A brother or sister not on the register, ten months to five years apart."""
    if p.date_of_birth is None:
        return None
    gap = datetime.timedelta(days=rng.randint(300, 1800))
    born = p.date_of_birth + (gap if rng.random() < 0.5 else -gap)
    if born >= REFERENCE_DATE:
        born = p.date_of_birth - gap
    given, sex = _other_given(rng, p, pool)
    return _stranger(rng, p, "sibling_absent", given_name=given, sex=sex, date_of_birth=born)


def _hard(rng: random.Random, seed: int, count: int, pool: list[Person]) -> list[Probe]:
    """Twins on the register (a fifth at most), mixed siblings, absent siblings and
    namesakes (about a sixth each), absent twins for the rest."""
    probes = [
        replace(exact_probe(rng, b, group="hard", kind="twin_present"), nhs_number="", upn="")
        for _, b in _sibling_pairs(seed, twins=True, count=count // 5)
    ]
    for a, b in _sibling_pairs(seed, twins=False, count=count // 6):
        probe = exact_probe(rng, a, group="hard", kind="sibling_mixed")
        probes.append(replace(probe, truth=None, given_name=b.given_name, nhs_number="", upn=""))
    twins = _twin_ids()
    children = [
        p for p in pool if p.date_of_birth and p.date_of_birth.year >= 2009 and p.pk not in twins
    ]
    probes += filter(None, (_sibling_absent(rng, p, pool) for p in children[: count // 6]))
    homes = [p.household for p in reversed(pool) if p.household]
    pairs = [(p, h) for p, h in zip(pool, homes, strict=False) if h.pk != p.household_id]
    for p, home in pairs[: count // 6]:
        line = home.address.splitlines()[0]
        probes.append(_stranger(rng, p, "namesake", postcode=home.postcode, address=line))
    for p in children[len(children) // 3 :][: max(0, count - len(probes))]:
        given, sex = _other_given(rng, p, pool)
        probes.append(_stranger(rng, p, "twin_absent", given_name=given, sex=sex))
    return probes


def _absent(rng: random.Random, seed: int, count: int) -> list[Probe]:
    """People from a register made with another seed: not on this one."""
    probes: list[Probe] = []
    for household in RegisterGenerator(seed=seed + 7919, size=count).households():
        for s in household.members:
            person = Person(
                given_name=s.given_name, family_name=s.family_name, date_of_birth=s.date_of_birth,
                sex=s.sex, household=None,
            )  # fmt: skip
            probe = exact_probe(rng, person, group="absent", kind="absent")
            line = household.address.splitlines()[0] if rng.random() < 0.4 else ""
            nhs = _test_range_nhs(rng) if rng.random() < 0.25 else ""
            probes.append(
                replace(
                    probe, truth=None, postcode=household.postcode, address=line, nhs_number=nhs
                )
            )
    return probes


def build_probes(*, seed: int, total: int) -> list[Probe]:
    """`total` probes: half present, a tenth absent, the rest (at least 2,000 when total is
    5,000 or more) hard negatives; shuffled so no group runs together."""
    rng = random.Random(seed)
    present_count, absent_count = total // 2, total // 10
    # Few names have a short form on the benchmark's list and few people another name, so
    # those two patterns get people picked for them: 5% and 3% of the present probes.
    targeted = [
        (p, "nickname") for p in _sample(seed, present_count // 20, given_name__in=list(NICKNAMES))
    ] + [
        (p, "other_name")
        for p in _sample(seed, present_count // 33, pk__in=PersonName.objects.values("person"))
    ]
    pool = _sample(seed, present_count - len(targeted) + total)
    others = pool[present_count - len(targeted) :]
    targeted += [(p, "") for p in pool[: present_count - len(targeted)]]
    probes = [present_probe(rng, p, rng.choice(others), kind=k) for p, k in targeted]
    probes += _absent(rng, seed, absent_count)
    probes += _hard(rng, seed, total - len(probes), others)
    rng.shuffle(probes)
    return probes


def probe_counts(probes: list[Probe]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for probe in probes:
        key = probe.group if probe.group != "hard" else f"hard:{probe.kind}"
        counts[key] = counts.get(key, 0) + 1
    return counts


__all__ = ["Probe", "build_probes", "corrupt", "probe_counts"]
