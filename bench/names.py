"""Name pools for the synthetic register: Faker's en_GB lists plus the names of the
communities a UK children's services register holds (South Asian, Polish, Romanian, West
African, Arabic, Somali, Irish). Spellings, accents and apostrophes are kept as people write
them, because the matcher has to cope with them."""

from __future__ import annotations

from dataclasses import dataclass

from faker.providers.person.en_GB import Provider as FakerPerson


@dataclass(frozen=True)
class Origin:
    """Where a family's names come from, how common it is, and its CIN ethnicity codes."""

    key: str
    weight: float
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    ethnicity: tuple[str, ...]
    # Relative frequency of each family name (Smith is commoner than Savage); None: even.
    family_weights: tuple[float, ...] | None = None


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


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

ORIGINS: tuple[Origin, ...] = (
    Origin(
        "english",
        0.62,
        tuple(FakerPerson.first_names_male) + _ENGLISH_EXTRA_MALE,
        tuple(FakerPerson.first_names_female) + _ENGLISH_EXTRA_FEMALE,
        tuple(FakerPerson.last_names),
        ("WBRI", "WBRI", "WBRI", "MWBC", "MOTH"),
        tuple(FakerPerson.last_names.values()),
    ),
    Origin(
        "south_asian",
        0.12,
        _split(
            "Muhammad Mohammed Mohammad Ahmed Ali Hassan Hamza Ibrahim Yusuf Zain Ayaan Arjun "
            "Aarav Rohan Vihaan Harpreet Gurpreet Jaspreet Sukhdeep Imran Bilal Usman Rayyan "
            "Rehan Kabir Dev Arun Sanjay Raj"
        ),
        _split(
            "Aisha Ayesha Fatima Maryam Zara Zainab Amira Inaaya Hafsa Khadija Priya Anaya "
            "Diya Saanvi Simran Harleen Manpreet Navneet Noor Sana Rukhsana Nadia Alia Anjali"
        ),
        _split(
            "Khan Ahmed Hussain Ali Begum Shah Patel Singh Kaur Rahman Islam Iqbal Akhtar "
            "Chowdhury Uddin Miah Bibi Mahmood Qureshi Sharma Gupta Mistry Sandhu Gill Bains "
            "Malik Butt Choudhury Hussein Kumar"
        ),
        ("APKN", "ABAN", "AIND", "AOTH"),
    ),
    Origin(
        "polish",
        0.05,
        _split(
            "Jakub Kacper Szymon Filip Jan Antoni Aleksander Mikołaj Wojciech Bartosz Krzysztof "
            "Piotr Tomasz Paweł Łukasz Michał"
        ),
        _split(
            "Zuzanna Zofia Julia Maja Hanna Lena Alicja Oliwia Wiktoria Katarzyna Agnieszka "
            "Małgorzata Magdalena Natalia Aleksandra Jana"
        ),
        _split(
            "Nowak Kowalski Kowalska Wiśniewski Wiśniewska Wójcik Kowalczyk Kamiński Kamińska "
            "Lewandowski Lewandowska Zieliński Szymański Woźniak Dąbrowski Kozłowski Mazur "
            "Jankowski Krawczyk"
        ),
        ("WOTH",),
    ),
    Origin(
        "romanian",
        0.04,
        _split("Andrei Alexandru Ionuț Mihai Ștefan Gabriel Florin Cristian Vlad Darius Luca"),
        _split("Maria Ioana Elena Andreea Alexandra Mihaela Ana Bianca Daria Denisa Cristina"),
        _split(
            "Popescu Ionescu Popa Pop Constantin Stan Dumitru Stoica Gheorghe Munteanu Rusu "
            "Matei Ciobanu Lungu Moldovan Radu Marin"
        ),
        ("WOTH", "WROM"),
    ),
    Origin(
        "west_african",
        0.06,
        _split(
            "Oluwaseun Chinedu Adebayo Emeka Oluwadamilare Tobi Kwame Kofi Kwabena Ifeanyi "
            "Obinna Tunde Samuel David Daniel Joshua Adama Mamadou"
        ),
        _split(
            "Ngozi Chiamaka Adaeze Oluwatobiloba Funmilayo Abena Ama Akosua Ifeoma Blessing "
            "Precious Favour Esther Grace Aminata Fatoumata"
        ),
        _split(
            "Okafor Adeyemi Okonkwo Adebayo Balogun Mensah Owusu Boateng Osei Asante Nwosu "
            "Eze Obi Oyelaran Ogunleye Diallo Bah Jalloh Kamara Sesay"
        ),
        ("BAFR", "MWBA", "BOTH"),
    ),
    Origin(
        "arabic_somali",
        0.05,
        _split(
            "Omar Yusuf Abdullah Khalid Mustafa Amir Adam Ibrahim Tariq Karim Abdi Abdirahman "
            "Mahad Liban Hamza"
        ),
        _split(
            "Fatima Mariam Layla Leila Nour Yasmin Hana Amira Salma Sumaya Hodan Ayan Ikran "
            "Hibo Sahra"
        ),
        _split(
            "Al-Sayed Haddad Hassan Ibrahim Mahmoud Abdullah Saleh Nasser Al-Amin El-Masri "
            "Farah Warsame Abdi Mohamud Osman Hersi Jama Elmi Ahmed"
        ),
        ("OOTH", "BAFR", "BOTH"),
    ),
    Origin(
        "irish",
        0.06,
        _split(
            "Seán Sean Ciarán Oisín Pádraig Cian Darragh Cillian Eoin Conor Liam Niall Rory "
            "Tadhg Fionn"
        ),
        _split(
            "Siobhán Siobhan Niamh Aoife Caoimhe Saoirse Róisín Clodagh Orla Aisling Sinéad "
            "Ciara Grainne Éabha"
        ),
        _split(
            "O'Brien O'Connor O'Sullivan Murphy Kelly Byrne Ryan McCarthy Walsh Doyle "
            "O'Neill Gallagher McLaughlin Quinn Doherty Kennedy Lynch Brennan"
        ),
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
