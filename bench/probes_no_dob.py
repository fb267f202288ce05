"""The no-date-of-birth probe set: names and an address, no date of birth, as a member of the
public reports a child (ADR 0009, "Matching without a date of birth").

- present: a register person with their address (postcode and first line), no date of
  birth, no identifier, and one error or none: a typing slip in either name, a short form,
  names swapped, a double-barrelled name cut or lengthened, an also-known-as name, the
  postcode or the first line typed differently, or the family has moved (the address of
  another household, so the postcode differs), half of those with a slip in a name too;
- absent: people from a register made with another seed, with an address of their own.
The same register and seed give the same probes.
"""

from __future__ import annotations

import random
from dataclasses import replace

from bench.probe_sets import _absent, _sample
from bench.probes import CORRUPTIONS, Probe, exact_probe
from cads.people.models import Person

# Error patterns and their weights. "moved" gives the address of another household (the
# family has moved, so the postcode differs); half of those also have a slip in a name, the
# case a search could not find before (no date of birth, another postcode, a slip that
# changes the name's sound key).
NO_DOB_KINDS = {
    "exact": 10, "typo_given": 12, "typo_family": 12, "nickname": 6, "swap_names": 5,
    "hyphenation": 5, "other_name": 3, "postcode": 6, "address": 6, "moved": 15,
    "moved_typo": 15,
}  # fmt: skip
SEED_OFFSET = 4099  # another order of the register than the main probe set's


def _with_address(rng: random.Random, person: Person) -> Probe:
    """The person's names and address as typed, without date of birth or identifiers."""
    probe = exact_probe(rng, person, group="present", kind="")
    home = person.household
    assert home is not None  # _sample picks people with a household
    return replace(
        probe,
        date_of_birth=None,
        nhs_number="",
        upn="",
        postcode=home.postcode,
        address=home.address.splitlines()[0],
    )


def _moved(probe: Probe, elsewhere: Person) -> Probe:
    home = elsewhere.household
    assert home is not None
    return replace(probe, postcode=home.postcode, address=home.address.splitlines()[0])


def _present(rng: random.Random, person: Person, other: Person) -> Probe:
    kind = rng.choices(list(NO_DOB_KINDS), list(NO_DOB_KINDS.values()))[0]
    probe = _with_address(rng, person)
    if kind == "moved":
        changed: Probe | None = _moved(probe, other)
    elif kind == "moved_typo":
        slip = rng.choice(["typo_given", "typo_family"])
        changed = CORRUPTIONS[slip](rng, _moved(probe, other), person, other)
        kind = f"moved+{slip}"
    else:
        changed = CORRUPTIONS[kind](rng, probe, person, other)
    if changed is None:  # a nickname or another name this person does not have
        kind = "typo_given"
        changed = CORRUPTIONS[kind](rng, probe, person, other)
    assert changed is not None
    if kind == "postcode":
        kind = changed.kind
    return replace(changed, kind=kind)


def build_no_dob_probes(*, seed: int, present: int, absent: int) -> list[Probe]:
    """`present` register people and `absent` strangers, names and address, no date of
    birth; shuffled."""
    rng = random.Random(seed + SEED_OFFSET)
    pool = _sample(seed + SEED_OFFSET, 2 * present, household__isnull=False)
    people, others = pool[:present], pool[present:]
    probes = [_present(rng, p, o) for p, o in zip(people, others, strict=False)]
    strangers = [
        replace(p, date_of_birth=None, nhs_number="", upn="")
        for p in _absent(rng, seed + SEED_OFFSET, absent)
        if p.postcode
    ]
    probes += strangers[:absent]
    rng.shuffle(probes)
    return probes
