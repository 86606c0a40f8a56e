"""Name normalisation and transliteration folding."""

from __future__ import annotations

import pytest

from claimgraph.names import initials, normalise, skeleton


@pytest.mark.parametrize(
    "a, b",
    [
        ("Mrs. Maryam Rajavi’s", "maryam rajavi"),
        ("the Badr Organization", "Badr Organization"),
        ("al-Maliki", "Maliki"),
        ("Foreign Minister Javad Zarif", "Javad Zarif"),
        ("“Kata’ib Hezbollah”", "Kataib Hezbollah"),
        ("Supreme Leader Ali Khamenei", "Ali Khamenei"),
    ],
)
def test_normalise_equal(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    "a, b",
    [("State of Law Coalition", "Law Coalition"), ("Supreme Council", "Council")],
)
def test_title_words_inside_names_are_kept(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Hadi al-Ameri", "Hadi al-Amiri"),
        ("Nouri al-Maliki", "Nuri al-Maliki"),
        ("Qassem Soleimani", "Qasem Suleimani"),
        ("Qassem Soleimani", "Ghasem Soleimani"),
        ("Mustafa al-Kadhimi", "Mostafa Kazemi"),
        ("Kata'ib Hezbollah", "Kataib Hizballah"),
        ("Haidar al-Abadi", "Haider al-Abadi"),
        ("Abu Mahdi al-Muhandis", "Abu Mehdi al-Mohandes"),
    ],
)
def test_transliteration_variants_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Hadi al-Amiri", "Hadi al-Maliki"), ("Iran", "Iraq")])
def test_different_names_differ(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_initials() -> None:
    assert initials("Islamic Revolutionary Guard Corps") == "IRGC"
    assert initials("National Council of Resistance of Iran") == "NCRI"
