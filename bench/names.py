"""Name pools for the synthetic register: Faker's lists plus the names of the communities a
UK children's services register holds (South Asian, Polish, Romanian, West African, Arabic,
Somali, Irish). Spellings, accents and apostrophes are kept as people write them, because
the matcher has to cope with them.

Each community's names have the shape real names have: a head of common names drawn most
of the time (the hand-written names below, which the nickname, twin and accent probes need,
and for English family names Faker en_GB's 500 commonest, weighted by how common each is)
and a long tail of rarer names drawn evenly from Faker's longer per-locale lists (Latin
script only). Without the tail the register repeated exact full names far more than a real
one: at 1,000,000 people some names had a hundred holders (ADR 0009, third amendment of
2026-12-07)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from faker.providers.person.en_GB import Provider as FakerPerson
from faker.providers.person.en_IE import Provider as FakerIrish
from faker.providers.person.en_IN import Provider as FakerIndian
from faker.providers.person.en_NG import Provider as FakerNigerian
from faker.providers.person.en_NZ import Provider as FakerNewZealand
from faker.providers.person.en_US import Provider as FakerAmerican
from faker.providers.person.fr_DZ import Provider as FakerAlgerian
from faker.providers.person.ha_NG import Provider as FakerHausa
from faker.providers.person.ig_NG import Provider as FakerIgbo
from faker.providers.person.pl_PL import Provider as FakerPolish
from faker.providers.person.ro_RO import Provider as FakerRomanian
from faker.providers.person.tw_GH import Provider as FakerTwi
from faker.providers.person.yo_NG import Provider as FakerYoruba


@dataclass(frozen=True)
class Names:
    """One kind of name of one community: the head (common names, weighted or even) is
    drawn `head_share` of the time, otherwise a name of the tail, evenly."""

    head: tuple[str, ...]
    tail: tuple[str, ...] = ()
    head_share: float = 1.0
    # Relative frequency of each head name (Smith is commoner than Savage); None: even.
    head_weights: tuple[float, ...] | None = None
    cumulative: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weights = self.head_weights or (1.0,) * len(self.head)
        if len(weights) != len(self.head) or set(self.head) & set(self.tail):
            raise ValueError("one weight a head name, and no name in both head and tail")
        object.__setattr__(self, "cumulative", tuple(accumulate(weights)))

    def __contains__(self, name: object) -> bool:
        return name in self.head or name in self.tail


@dataclass(frozen=True)
class Origin:
    """Where a family's names come from, how common it is, and its CIN ethnicity codes."""

    key: str
    weight: float
    male: Names
    female: Names
    family: Names
    ethnicity: tuple[str, ...]


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# One word in Latin script with a capital: Faker's lists also hold Akan letters (Akyerεko),
# typographic apostrophes (as in Hausa names), two-word entries (Nana Ama, "Devereaux Deaueroux")
# and the US census's "Mcdonald" capitalisation, which are left out.
_PLAIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'-]+$")
_CENSUS_MC = re.compile(r"^Mc[a-z]")


def _tail(*lists: Iterable[str], head: Iterable[str] = ()) -> tuple[str, ...]:
    """Faker's names, deduplicated in order, plain ones only, without the head's."""
    skip = set(head)
    names = (n for names in lists for n in names)
    keep = (n for n in names if _PLAIN_NAME.match(n) and n[0].isupper() and not _CENSUS_MC.match(n))
    return tuple(dict.fromkeys(n for n in keep if n not in skip))


def _names(head: tuple[str, ...], share: float, *lists: Iterable[str]) -> Names:
    return Names(head, _tail(*lists, head=head), share)


# Given names: a list of a community's commonest names covers most of its children but not
# all; the rest spread over many rarer names. en_GB's 180-odd names a sex (and the extras)
# take 75% and the English-language lists of Ireland, New Zealand and the US the rest; the
# communities' hand-written names take 60% and their Faker locales' names the rest.
ENGLISH_GIVEN_SHARE = 0.75
COMMUNITY_GIVEN_SHARE = 0.6

# Formal names the nickname probes need (Alfred/Alfie, Elizabeth/Liz, …) are always present.
_ENGLISH_EXTRA_MALE = _split(
    "Alfred Alfie Oliver Harry George Noah Jack Leo Oscar Archie Freddie Theo Arthur Charlie "
    "William Thomas James Joseph Samuel Benjamin Alexander Daniel Matthew Nicholas Edward "
    "Robert Michael Christopher Louis Jake Harvey Evan Aaron Max Riley Tyler"
)
_ENGLISH_EXTRA_FEMALE = _split(
    "Elizabeth Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Ella Ellie "
    "Grace Poppy Evie Sophia Margaret Rebecca Victoria Abigail Katherine Jessica Jennifer "
    "Louise Danielle Eva Erin Lea Maya Nora Sarah Sara Zoë Chloé Megan"
)
_ENGLISH_MALE = tuple(dict.fromkeys(FakerPerson.first_names_male + _ENGLISH_EXTRA_MALE))
_ENGLISH_FEMALE = tuple(dict.fromkeys(FakerPerson.first_names_female + _ENGLISH_EXTRA_FEMALE))
# en_GB's 500 commonest family names with their weights, which are percentages of the
# population of England and Wales and add up to 39.5: they take that share of English
# families, and about 2,800 other English-language family names (Ireland's, New Zealand's
# and the US's lists, en_GB's left out) the other 60%.
_ENGLISH_FAMILY = tuple(FakerPerson.last_names)
_ENGLISH_FAMILY_WEIGHTS = tuple(FakerPerson.last_names.values())

_SOUTH_ASIAN_FAMILY = _split(
    "Khan Ahmed Hussain Ali Begum Shah Patel Singh Kaur Rahman Islam Iqbal Akhtar "
    "Chowdhury Uddin Miah Bibi Mahmood Qureshi Sharma Gupta Mistry Sandhu Gill Bains "
    "Malik Butt Choudhury Hussein Kumar"
)
_POLISH_FAMILY = _split(
    "Nowak Kowalski Kowalska Wiśniewski Wiśniewska Wójcik Kowalczyk Kamiński Kamińska "
    "Lewandowski Lewandowska Zieliński Szymański Woźniak Dąbrowski Kozłowski Mazur "
    "Jankowski Krawczyk"
)
_WEST_AFRICAN_FAMILY = _split(
    "Okafor Adeyemi Okonkwo Adebayo Balogun Mensah Owusu Boateng Osei Asante Nwosu "
    "Eze Obi Oyelaran Ogunleye Diallo Bah Jalloh Kamara Sesay"
)
_ARABIC_SOMALI_FAMILY = _split(
    "Al-Sayed Haddad Hassan Ibrahim Mahmoud Abdullah Saleh Nasser Al-Amin El-Masri "
    "Farah Warsame Abdi Mohamud Osman Hersi Jama Elmi Ahmed"
)
_IRISH_FAMILY = _split(
    "O'Brien O'Connor O'Sullivan Murphy Kelly Byrne Ryan McCarthy Walsh Doyle "
    "O'Neill Gallagher McLaughlin Quinn Doherty Kennedy Lynch Brennan"
)
_ROMANIAN_FAMILY = _split(
    "Popescu Ionescu Popa Pop Constantin Stan Dumitru Stoica Gheorghe Munteanu Rusu "
    "Matei Ciobanu Lungu Moldovan Radu Marin"
)
_WEST_AFRICAN_LOCALES = (FakerYoruba, FakerIgbo, FakerHausa, FakerTwi, FakerNigerian)

ORIGINS: tuple[Origin, ...] = (
    Origin(
        "english",
        0.62,
        _names(
            _ENGLISH_MALE,
            ENGLISH_GIVEN_SHARE,
            FakerIrish.first_names_male,
            FakerNewZealand.first_names_male,
            FakerAmerican.first_names_male,
        ),
        _names(
            _ENGLISH_FEMALE,
            ENGLISH_GIVEN_SHARE,
            FakerIrish.first_names_female,
            FakerNewZealand.first_names_female,
            FakerAmerican.first_names_female,
        ),
        Names(
            _ENGLISH_FAMILY,
            _tail(
                FakerIrish.last_names,
                FakerNewZealand.last_names,
                FakerAmerican.last_names,
                head=_ENGLISH_FAMILY,
            ),
            sum(_ENGLISH_FAMILY_WEIGHTS) / 100,
            _ENGLISH_FAMILY_WEIGHTS,
        ),
        ("WBRI", "WBRI", "WBRI", "MWBC", "MOTH"),
    ),
    Origin(
        "south_asian",
        0.12,
        _names(
            _split(
                "Muhammad Mohammed Mohammad Ahmed Ali Hassan Hamza Ibrahim Yusuf Zain Ayaan "
                "Arjun Aarav Rohan Vihaan Harpreet Gurpreet Jaspreet Sukhdeep Imran Bilal "
                "Usman Rayyan Rehan Kabir Dev Arun Sanjay Raj"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerIndian.first_names_male,
        ),
        _names(
            _split(
                "Aisha Ayesha Fatima Maryam Zara Zainab Amira Inaaya Hafsa Khadija Priya Anaya "
                "Diya Saanvi Simran Harleen Manpreet Navneet Noor Sana Rukhsana Nadia Alia "
                "Anjali"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerIndian.first_names_female,
        ),
        # Khan, Patel, Singh, Ahmed, Begum and their like are among the UK's commonest
        # family names (many Sikh families use Singh and Kaur): half the community.
        _names(_SOUTH_ASIAN_FAMILY, 0.5, FakerIndian.last_names),
        ("APKN", "ABAN", "AIND", "AOTH"),
    ),
    Origin(
        "polish",
        0.05,
        _names(
            _split(
                "Jakub Kacper Szymon Filip Jan Antoni Aleksander Mikołaj Wojciech Bartosz "
                "Krzysztof Piotr Tomasz Paweł Łukasz Michał"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerPolish.first_names_male,
        ),
        _names(
            _split(
                "Zuzanna Zofia Julia Maja Hanna Lena Alicja Oliwia Wiktoria Katarzyna "
                "Agnieszka Małgorzata Magdalena Natalia Aleksandra Jana"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerPolish.first_names_female,
        ),
        # Poland's commonest family name, Nowak, is about half a percent of people: the
        # nineteen hand-written ones take 10%, pl_PL's 3,900 others the rest. A family has
        # one family name, as for every community (no -ski/-ska agreement with sex).
        _names(_POLISH_FAMILY, 0.1, FakerPolish.male_last_names, FakerPolish.unisex_last_names),
        ("WOTH",),
    ),
    Origin(
        "romanian",
        0.04,
        _names(
            _split("Andrei Alexandru Ionuț Mihai Ștefan Gabriel Florin Cristian Vlad Darius Luca"),
            COMMUNITY_GIVEN_SHARE,
            FakerRomanian.first_names_male,
        ),
        _names(
            _split("Maria Ioana Elena Andreea Alexandra Mihaela Ana Bianca Daria Denisa Cristina"),
            COMMUNITY_GIVEN_SHARE,
            FakerRomanian.first_names_female,
        ),
        # ro_RO has only 44 family names: with the hand-written ones, 53 names drawn evenly.
        Names(_tail(_ROMANIAN_FAMILY, FakerRomanian.last_names)),
        ("WOTH", "WROM"),
    ),
    Origin(
        "west_african",
        0.06,
        _names(
            _split(
                "Oluwaseun Chinedu Adebayo Emeka Oluwadamilare Tobi Kwame Kofi Kwabena Ifeanyi "
                "Obinna Tunde Samuel David Daniel Joshua Adama Mamadou"
            ),
            COMMUNITY_GIVEN_SHARE,
            *(locale.first_names_male for locale in _WEST_AFRICAN_LOCALES),
        ),
        _names(
            _split(
                "Ngozi Chiamaka Adaeze Oluwatobiloba Funmilayo Abena Ama Akosua Ifeoma Blessing "
                "Precious Favour Esther Grace Aminata Fatoumata"
            ),
            COMMUNITY_GIVEN_SHARE,
            *(locale.first_names_female for locale in _WEST_AFRICAN_LOCALES),
        ),
        # Yoruba, Igbo, Hausa, Akan and Nigerian English lists, about 300 other names.
        _names(_WEST_AFRICAN_FAMILY, 0.3, *(locale.last_names for locale in _WEST_AFRICAN_LOCALES)),
        ("BAFR", "MWBA", "BOTH"),
    ),
    Origin(
        "arabic_somali",
        0.05,
        _names(
            _split(
                "Omar Yusuf Abdullah Khalid Mustafa Amir Adam Ibrahim Tariq Karim Abdi "
                "Abdirahman Mahad Liban Hamza"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerAlgerian.first_names_male,
        ),
        _names(
            _split(
                "Fatima Mariam Layla Leila Nour Yasmin Hana Amira Salma Sumaya Hodan Ayan "
                "Ikran Hibo Sahra"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerAlgerian.first_names_female,
        ),
        # Many Somali and Arab families carry a father's or grandfather's given name as the
        # family name, so a few names are very common: half the community; Faker's Latin
        # script Arabic names (fr_DZ, Algerian) the rest.
        _names(_ARABIC_SOMALI_FAMILY, 0.5, FakerAlgerian.last_names),
        ("OOTH", "BAFR", "BOTH"),
    ),
    Origin(
        "irish",
        0.06,
        _names(
            _split(
                "Seán Sean Ciarán Oisín Pádraig Cian Darragh Cillian Eoin Conor Liam Niall "
                "Rory Tadhg Fionn"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerIrish.first_names_male,
        ),
        _names(
            _split(
                "Siobhán Siobhan Niamh Aoife Caoimhe Saoirse Róisín Clodagh Orla Aisling "
                "Sinéad Ciara Grainne Éabha"
            ),
            COMMUNITY_GIVEN_SHARE,
            FakerIrish.first_names_female,
        ),
        # Murphy, Ireland's commonest, is about 1% of people there: the eighteen
        # hand-written names take 20%, en_IE's 2,300 others the rest.
        _names(_IRISH_FAMILY, 0.2, FakerIrish.last_names),
        ("WIRI", "WIRT", "WBRI"),
    ),
)

# Twin names that differ by a letter or two, with each twin's sex: a real hazard for a matcher.
SIMILAR_TWIN_NAMES: tuple[tuple[str, str, str, str], ...] = (
    ("Leo", "M", "Lea", "F"),
    ("Ella", "F", "Ellie", "F"),
    ("Jack", "M", "Jake", "M"),
    ("Amir", "M", "Amira", "F"),
    ("Harry", "M", "Harvey", "M"),
    ("Mia", "F", "Maya", "F"),
    ("Noah", "M", "Nora", "F"),
    ("Louis", "M", "Louise", "F"),
    ("Daniel", "M", "Danielle", "F"),
    ("Evan", "M", "Eva", "F"),
    ("Aaron", "M", "Erin", "F"),
    ("Jan", "M", "Jana", "F"),
    ("Ali", "M", "Alia", "F"),
    ("Oscar", "M", "Olivia", "F"),
    ("Sara", "F", "Sarah", "F"),
)

STREET_SUFFIXES = _split(
    "Road Street Lane Avenue Close Drive Way Grove Crescent Terrace Gardens Court Place "
    "Walk Mews Rise View Green Row Parade"
)
STREET_STEMS = _split(
    "Mill Church Station Park Victoria Albert Queen King Manor Chapel Meadow Oak Elm Ash "
    "Beech Willow Cedar Orchard Spring Well Bridge Moor Hill Priory Abbey Castle Green "
    "Bank Market Water Brook Cross Stone Grange Lime Holly Rose York Clarence"
) + tuple(list(FakerPerson.last_names)[:120])

# Postcode areas of one fictional metropolitan authority: (area, first district, last, town).
POSTCODE_AREAS: tuple[tuple[str, int, int, str], ...] = (
    ("LS", 1, 29, "Leeds"),
    ("BD", 1, 22, "Bradford"),
    ("WF", 1, 17, "Wakefield"),
    ("HD", 1, 9, "Huddersfield"),
)
# Inward-code unit letters: BS 7666 never uses C, I, K, M, O or V there.
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
