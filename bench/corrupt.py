"""How people get typed wrongly: the error patterns the matching probes apply to a record.

Each function takes the seeded `random.Random` and a value and returns the value as a
searcher might type it. The nickname list is the benchmark's own, kept short and separate
from the matcher's, so the benchmark does not grade the matcher against itself.
"""

from __future__ import annotations

import datetime
import random

_NICKNAME_PAIRS = (
    ("Alfred", "Alfie"),
    ("Elizabeth", "Liz"),
    ("Muhammad", "Mohammed"),
    ("Mohammad", "Mohammed"),
    ("Ahmed", "Ahmad"),
    ("William", "Billy"),
    ("Robert", "Bob"),
    ("Thomas", "Tom"),
    ("Margaret", "Maggie"),
    ("Jennifer", "Jenny"),
    ("Alexander", "Alex"),
    ("Benjamin", "Ben"),
    ("Samuel", "Sam"),
    ("Daniel", "Danny"),
    ("James", "Jim"),
    ("Joseph", "Joe"),
    ("Michael", "Mike"),
    ("Christopher", "Chris"),
    ("Matthew", "Matt"),
    ("Nicholas", "Nick"),
    ("Rebecca", "Becky"),
    ("Victoria", "Vicky"),
    ("Abigail", "Abbie"),
    ("Katherine", "Kate"),
    ("Katarzyna", "Kasia"),
    ("Aleksander", "Olek"),
    ("Edward", "Ted"),
    ("Jessica", "Jess"),
    ("Oluwaseun", "Seun"),
    ("Aleksandra", "Ola"),
    ("Freddie", "Fred"),
    ("Harry", "Harold"),
    ("Siobhán", "Siobhan"),
    ("Seán", "Shaun"),
    ("Yusuf", "Yousef"),
    ("Fatima", "Fatimah"),
)
NICKNAMES: dict[str, str] = {}
for _formal, _short in _NICKNAME_PAIRS:
    NICKNAMES.setdefault(_formal, _short)
    NICKNAMES.setdefault(_short, _formal)

_KEYBOARD = {
    "a": "qsz", "b": "vgn", "c": "xdv", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht",
    "h": "gjy", "i": "uok", "j": "hku", "k": "jli", "l": "kop", "m": "nj", "n": "bmh",
    "o": "ipl", "p": "ol", "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij",
    "v": "cbf", "w": "qes", "x": "zsc", "y": "tuh", "z": "xa",
}  # fmt: skip
_STREET_SHORT = {"Road": "Rd", "Street": "St", "Avenue": "Ave", "Lane": "Ln", "Drive": "Dr"}


def typo(rng: random.Random, name: str) -> str:
    """One slip of the keyboard: a neighbouring key, a dropped, doubled or swapped letter."""
    if len(name) < 3:
        return name + name[-1:]
    i = rng.randrange(1, len(name))  # first letters are rarely wrong
    kind = rng.randrange(4)
    if kind == 0:
        near = _KEYBOARD.get(name[i].lower(), "e")
        return name[:i] + rng.choice(near) + name[i + 1 :]
    if kind == 1:
        return name[:i] + name[i + 1 :]
    if kind == 2:
        return name[:i] + name[i] + name[i:]
    if i == len(name) - 1:
        i -= 1
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def hyphenation(rng: random.Random, family: str, other_family: str) -> str:
    """Drop one part of a double-barrelled name, or add another family's name to it."""
    if "-" in family:
        return rng.choice(family.split("-"))
    return f"{family}-{other_family}" if rng.random() < 0.5 else f"{other_family}-{family}"


def day_month_swap(born: datetime.date) -> datetime.date | None:
    """3 July becomes 7 March; None when the swap gives the same or an impossible date."""
    if born.day > 12 or born.day == born.month:
        return None
    return born.replace(month=born.day, day=born.month)


def one_digit(rng: random.Random, born: datetime.date, today: datetime.date) -> datetime.date:
    """The same date with one digit of YYYY-MM-DD mistyped, still a real past date."""
    text = born.isoformat()
    positions = [2, 3, 5, 6, 8, 9]
    for _ in range(50):
        i = rng.choice(positions)
        digit = str(rng.randrange(10))
        if digit == text[i]:
            continue
        try:
            wrong = datetime.date.fromisoformat(text[:i] + digit + text[i + 1 :])
        except ValueError:
            continue
        if wrong < today:
            return wrong
    return born + datetime.timedelta(days=1)


def postcode_variant(rng: random.Random, postcode: str) -> tuple[str, str]:
    """(how it was typed, which error): no space or lower case, or a neighbouring unit."""
    if rng.random() < 0.5:
        typed = postcode.replace(" ", "") if rng.random() < 0.5 else postcode.lower()
        return typed, "postcode_format"
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    last = rng.choice([c for c in letters if c != postcode[-1]])
    return postcode[:-1] + last, "postcode_unit"


def address_variant(rng: random.Random, first_line: str) -> str:
    """A first line of address as people type it: shortened street word, flat left off,
    or a typo in the street name."""
    if first_line.startswith("Flat ") and rng.random() < 0.5:
        return first_line.split(", ", 1)[-1]
    for long, short in _STREET_SHORT.items():
        if first_line.endswith(long) and rng.random() < 0.6:
            return first_line[: -len(long)] + short
    number, _, street = first_line.rpartition(" ")
    return f"{number} {typo(rng, street)}" if number else typo(rng, first_line)


def typed_case(rng: random.Random, name: str) -> str:
    """Names as typed: mostly as written, sometimes all lower or upper case."""
    roll = rng.random()
    if roll < 0.08:
        return name.lower()
    if roll < 0.12:
        return name.upper()
    return name
