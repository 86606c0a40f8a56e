"""Name normalisation shared by the knowledge base and actor resolution.

Two levels:

- :func:`normalise` — case, diacritics, quotes, possessives, a leading "the", titles and
  honorifics, and the Arabic article (``al-``/``el-``) are folded away. "Mrs. Maryam Rajavi’s"
  and "maryam rajavi" are equal.
- :func:`skeleton` — a transliteration-tolerant key on top of that: vowels inside words, doubled
  letters and common digraph variants (q/gh/k, dh/z, ou/u, ph/f) are folded, so Ameri/Amiri,
  Nouri/Nuri, Qassem/Qasem/Ghasem and Kadhimi/Kazemi get the same key. It is used only as a last
  resort and only when it picks out a single candidate.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Titles and honorifics that may precede a name. Multi-word titles are listed as token tuples.
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "gen",
        "general",
        "brig",
        "brig.",
        "brigadier",
        "col",
        "col.",
        "colonel",
        "maj",
        "maj.",
        "major",
        "lt",
        "lt.",
        "lieutenant",
        "capt",
        "capt.",
        "captain",
        "cmdr",
        "commander",
        "adm",
        "adm.",
        "admiral",
        "marshal",
        "sgt",
        "sergeant",
        "field",
        "sheikh",
        "shaikh",
        "sheik",
        "sayyid",
        "sayed",
        "seyed",
        "syed",
        "ayatollah",
        "hojatoleslam",
        "hojjatoleslam",
        "imam",
        "mullah",
        "grand",
        "cleric",
        "president",
        "vice",
        "prime",
        "minister",
        "premier",
        "pm",
        "speaker",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "senator",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "representative",
        "ambassador",
        "envoy",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "crown",
        "supreme",
        "leader",
        "chief",
        "deputy",
        "former",
        "late",
        "slain",
        "acting",
        "interim",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "oil",
        "state",
        "iraqi",
        "iranian",
        "us",
        "u.s.",
        "american",
        "mp",
        "judge",
        "justice",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "commissioner",
        "governor",
        "mayor",
    ]
)
# Ranks and honorifics: between an office and a name ("Quds Force Commander General Qassem
# Soleimani", "Badr leader Sheikh X") they belong to neither.
HONORIFICS: frozenset[str] = frozenset(
    """
    mr mrs ms miss dr prof sir dame gen general brig brigadier col colonel maj major lt lieutenant
    capt captain adm admiral marshal sgt sergeant sheikh shaikh sheik sayyid sayed seyed syed
    ayatollah hojatoleslam hojjatoleslam grand
    """.split()
)
# A run of title words is only dropped when it ends in one of these ("Foreign Minister X",
# "Supreme Leader X"), so that "State of Law" or "Supreme Council" keep their first word.
CORE_TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms miss dr prof sir dame gen general brig brigadier col colonel maj major lt lieutenant
    capt captain cmdr commander adm admiral marshal sgt sergeant sheikh shaikh sheik sayyid sayed
    seyed syed ayatollah hojatoleslam hojjatoleslam imam mullah cleric president premier pm
    minister speaker chairman chairwoman secretary senator sen rep representative ambassador envoy
    king queen prince princess emir leader chief spokesman spokeswoman spokesperson director
    commissioner governor mayor judge justice mp
    """.split()
)
ARTICLES = frozenset({"al", "el", "ul", "the"})
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'", "´": "'", "ʼ": "'"})
_NONWORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|s')$")


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """Lower-case word tokens of a name: quotes, possessive, punctuation gone; hyphens split."""
    s = _ascii_fold(name.translate(_QUOTES)).casefold().strip()
    s = _POSSESSIVE.sub("", s.strip(" '\""))
    s = s.replace("'", "")  # Kata'ib -> kataib
    s = s.replace("-", " ").replace("/", " / ")
    s = _NONWORD.sub(lambda m: " " if m.group(0) in '()[],;:!?"' else "", s)
    return tuple(t for t in _SPACES.split(s) if t)


@lru_cache(maxsize=65536)
def normalise(name: str, strip_titles: bool = True) -> str:
    """The comparison form of a name (see module docstring)."""
    toks = list(tokens(name))
    if toks and toks[0] == "the":
        toks = toks[1:]
    if strip_titles:
        toks = toks[title_prefix_length(toks) :]
    toks = [t for t in toks if t not in ARTICLES] or toks
    return " ".join(toks)


def title_prefix_length(words: list[str] | tuple[str, ...]) -> int:
    """How many leading words form a title ("foreign minister" in "foreign minister javad zarif").

    Always leaves at least one word.
    """
    cut = 0
    for i, word in enumerate(words[:-1]):
        w = word.rstrip(".")
        if w not in TITLES and word not in TITLES:
            break
        if w in CORE_TITLES:
            cut = i + 1
    return cut


_DIGRAPHS = (
    ("dh", "z"),
    ("gh", "k"),
    ("kh", "k"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("ou", "u"),
)


def _skeleton_token(tok: str) -> str:
    for a, b in _DIGRAPHS:
        tok = tok.replace(a, b)
    if len(tok) > 2 and tok.endswith("h") and tok[-2] in "aeiou":
        tok = tok[:-1]
    head, rest = tok[:1], tok[1:]
    if head in "aeiouy":
        head = "a"
    rest = re.sub(r"[aeiouyw']", "", rest) if len(rest) > 1 else rest
    out = head + rest
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A transliteration-tolerant key (see module docstring)."""
    return " ".join(_skeleton_token(t) for t in normalise(name).split())


def initials(name: str) -> str:
    """Acronym of a multi-word name: "Islamic Revolutionary Guard Corps" -> "IRGC"."""
    skip = {"of", "the", "and", "for", "in", "al", "el", "de", "la"}
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in skip]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def is_reference_mark(text: str) -> bool:
    """A reference mark of a text copied from a wiki: "[41]"."""
    return len(text) > 2 and text[0] == "[" and text[-1] == "]" and text[1:-1].isdigit()
