"""Plain text: decoding, sanity checks, publisher lines and language."""

from __future__ import annotations

import re
import unicodedata

from claimgraph.errors import IngestError

# "Source » irannewsupdate", "Source: Reuters", "SOURCE | AP"
_SOURCE_LINE = re.compile(r"^\s*source\s*(?:»|:|\||>|-|–|—)+\s*(?P<name>\S.{0,80}?)\s*$", re.I)
# "By Jane Doe, Reuters" / "By Reuters" / "By Jane Doe | The Outlet"
_BYLINE = re.compile(
    r"^\s*(?i:by)\s+(?P<name>[A-Z][^\n]{0,80}?)(?:\s*(?:,|\||–|—| - )\s*(?P<outlet>[A-Z][^\n]{0,60}?))?\s*$"
)

# Function words that make up a large share of any English text.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "it",
        "at",
        "from",
        "he",
        "his",
        "are",
        "be",
        "this",
        "have",
        "has",
        "an",
        "not",
        "were",
        "which",
        "or",
        "had",
        "its",
        "their",
        "they",
        "who",
        "been",
        "but",
        "after",
        "also",
        "said",
        "would",
        "will",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def decode(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 text, refusing binary data and invalid encodings with a clear error."""
    if not data.strip():
        raise IngestError(source, "the file is empty; nothing to ingest")
    if b"\x00" in data[:65536]:
        raise IngestError(source, "this looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            source,
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8`",
        ) from None
    controls = sum(
        1 for ch in text[:65536] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"
    )
    if controls > 0.01 * min(len(text), 65536):
        raise IngestError(
            source, "this looks like a binary file (many control characters), not text"
        )
    return text


def split_publisher_lines(text: str) -> tuple[str, str | None]:
    """Remove a ``Source » name`` or byline line from the top or bottom of an article.

    Returns the body text and the publisher named there (or ``None``). Only the first and last
    three non-empty lines are looked at, so a sentence in the body that starts with "By" is safe.
    """
    lines = text.split("\n")
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    candidates = nonempty[:3] + nonempty[-3:]
    for i in sorted(set(candidates), key=lambda i: (i not in nonempty[-3:], -i)):
        line = lines[i]
        m = _SOURCE_LINE.match(line)
        name: str | None = m.group("name") if m else None
        if name is None:
            b = _BYLINE.match(line)
            if b and len(line.split()) <= 12 and not line.rstrip().endswith("."):
                name = b.group("outlet") or b.group("name")
        if name:
            body = "\n".join(lines[:i] + lines[i + 1 :]).strip("\n")
            return body, name.strip()
    return text, None


def guess_title(text: str) -> str | None:
    """A short first line without final punctuation, followed by a blank line, is a title."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if (
        first
        and len(first) <= 150
        and not first.endswith((".", "!", "?", ":", ";", ",", "”", '"'))
        and rest.startswith("\n")
    ):
        return first
    return None


def looks_english(text: str) -> tuple[bool, str]:
    """Whether a text is English, by the share of common English function words.

    Returns (is_english, description of what it looks like instead).
    """
    sample = text[:20000]
    words = _WORD.findall(sample)
    if not words:
        return False, "no words at all"
    latin = sum(1 for w in words if w.isascii())
    if latin < 0.5 * len(words):
        script = _dominant_script(sample)
        return False, f"mostly {script} script"
    share = sum(1 for w in words if w.lower() in _ENGLISH_WORDS) / len(words)
    if len(words) >= 12 and share < 0.08:
        return False, f"only {share:.0%} of its words are common English words"
    return True, ""


def _dominant_script(sample: str) -> str:
    counts: dict[str, int] = {}
    for ch in sample:
        if ch.isalpha() and not ch.isascii():
            try:
                script = unicodedata.name(ch).split(" ")[0]
            except ValueError:
                continue
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda k: counts[k]).title() if counts else "non-Latin"


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATELINE_PATTERNS = [
    re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH_RE + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
]


def dateline_date(text: str) -> str | None:
    """The publication date of a dateline or date line at the top of an article ("BAGHDAD,
    Nov. 7, 2021 -", "February 9, 2013", "07 Dec 2019, 06:05 GMT"), as an ISO date.

    Only the first five lines, and only lines that are short or start with a dateline, are
    looked at: a date inside the first sentence of the story is an event date, not this.
    """
    import datetime as dt

    for line in text.lstrip().split("\n")[:5]:
        line = line.strip()
        head = line[:60]
        if not line or (len(line.split()) > 12 and not re.match(r"^[A-Z][A-Z .'-]+,", line)):
            continue
        for pattern in _DATELINE_PATTERNS:
            m = pattern.search(head)
            if not m:
                continue
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["month"].lower().rstrip(".")]
            try:
                return dt.date(int(g["year"]), month, int(g["day"])).isoformat()
            except ValueError:
                continue
    return None
