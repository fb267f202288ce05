"""Phone numbers as people write them on the forms (Ofcom numbering plan)."""

from __future__ import annotations

import pytest

from cads.core.phone import phone_number_ok


@pytest.mark.parametrize(
    "number",
    [
        "101",
        "111",
        "999",
        "116 123",
        "0800 1111",
        "0800 123 4567",
        "0808 800 5000",
        "01632 960 001",
        "07700 900982",
        "07700-900-982",
        "(01632) 960001",
        "020 7946 0000",
        "+44 20 7946 0000",
        "+44 (0)20 7946 0000",
        "+447700900982",
        "0044 7700 900982",
        "01632 960001 ext 214",
        "18001 01632 960001",
        "+33 1 23 45 67 89",
    ],
)
def test_numbers_people_write_are_taken(number: str) -> None:
    assert phone_number_ok(number)


@pytest.mark.parametrize(
    "number",
    ["12", "100", "1234567", "01632", "0163296000112", "+44 123", "phone me", "07700 9OO982"],
)
def test_numbers_nobody_could_ring_are_refused(number: str) -> None:
    assert not phone_number_ok(number)
