"""Readers: every kind of input, and every kind of bad input, with a clear message naming it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import IngestOptions, iter_sources, read_stream
from claimgraph.ingest.readers import parse_date
from claimgraph.ingest.text import guess_title, looks_english, split_publisher_lines
from claimgraph.model import Document

ARTICLE = (
    "Iraqi officials said on Monday that the Badr Organization had withdrawn its fighters from "
    "the border town. The move followed talks between the group and the government in Baghdad, "
    "which has been trying to bring the armed factions under the control of the state.\n"
)


def _docs(items: list[Document | IngestError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _errors(items: list[Document | IngestError]) -> list[IngestError]:
    return [i for i in items if isinstance(i, IngestError)]


def test_text_file_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    opts = IngestOptions(
        publisher="Some Outlet", published="2022-07-25", url="https://example.org/a"
    )
    (doc,) = _docs(list(iter_sources([path], opts)))
    assert doc.publisher == "Some Outlet"
    assert doc.published == "2022-07-25"
    assert doc.url == "https://example.org/a"
    assert doc.language == "en"
    assert doc.text == ARTICLE.rstrip()
    assert doc.id.startswith("doc-")


@pytest.mark.parametrize(
    "line, publisher",
    [
        ("Source » irannewsupdate", "irannewsupdate"),
        ("Source: Reuters", "Reuters"),
        ("By Jane Doe, Reuters", "Reuters"),
        ("By Reuters", "Reuters"),
    ],
)
def test_publisher_line_is_metadata_not_body(line: str, publisher: str) -> None:
    at_end = ARTICLE + "\n" + line + "\n"
    body, found = split_publisher_lines(at_end)
    assert found == publisher
    assert line not in body
    at_start = line + "\n\n" + ARTICLE
    body, found = split_publisher_lines(at_start)
    assert found == publisher and line not in body


def test_sentence_starting_with_by_in_body_is_kept() -> None:
    text = (
        "First paragraph here.\n\nBy the end of the year, the militias had withdrawn.\n\nLast one."
    )
    body, found = split_publisher_lines(text)
    assert found is None and body == text


def test_title_guess() -> None:
    assert guess_title("Militias withdraw\n\nBody text here.") == "Militias withdraw"
    assert guess_title("A sentence ends here.\n\nBody.") is None


def test_empty_binary_invalid_utf8_and_huge_files_are_skipped_with_messages(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "latin1.txt").write_bytes(
        "Caf\xe9 in Baghdad, said the officials.".encode("latin-1")
    )
    (tmp_path / "huge.txt").write_text("word " * 4_200_000, encoding="utf-8")  # ~21 MB
    items = list(iter_sources([tmp_path], IngestOptions()))
    assert [d.text for d in _docs(items)] == [ARTICLE.rstrip()]
    errors = {Path(e.source).name: e.message for e in _errors(items)}
    assert set(errors) == {"empty.txt", "blank.txt", "binary.txt", "latin1.txt", "huge.txt"}
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    assert "UTF-8" in errors["latin1.txt"]
    assert "limit" in errors["huge.txt"] and "--max-chars" in errors["huge.txt"]


def test_other_language_is_skipped_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_text(
        "قالت الحكومة العراقية إن الفصائل المسلحة انسحبت من المدينة الحدودية يوم الاثنين.",
        encoding="utf-8",
    )
    (err,) = list(iter_sources([path], IngestOptions()))
    assert isinstance(err, IngestError) and "English" in err.message and "ar.txt" in str(err)
    fr = tmp_path / "fr.txt"
    fr.write_text(
        "Les responsables irakiens ont déclaré lundi que les milices avaient retiré leurs combattants "
        "de la ville frontalière, après des discussions avec le gouvernement de Bagdad sur le contrôle des factions.",
        encoding="utf-8",
    )
    (err,) = list(iter_sources([fr], IngestOptions()))
    assert isinstance(err, IngestError)
    (doc,) = list(iter_sources([fr], IngestOptions(language="fr")))
    assert isinstance(doc, Document) and doc.language == "fr"


def test_looks_english() -> None:
    assert looks_english(ARTICLE)[0]
    assert not looks_english(
        "Das ist ein deutscher Text über die Regierung und die Milizen im Irak, die heute sprachen."
    )[0]


def test_html_with_and_without_body(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>{ARTICLE} Paragraph {i} adds more reporting on the talks.</p>" for i in range(4)
    )
    page = (
        "<!DOCTYPE html><html><head><title>Badr pulls out of border town</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta name="date" content="2022-07-25"></head>'
        f"<body><nav>Home | World</nav><article><h1>Badr pulls out</h1>{paragraphs}</article>"
        "<footer>Copyright</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "nobody.html").write_text(
        "<html><head><title>x</title></head><body><nav>Home</nav></body></html>", encoding="utf-8"
    )
    items = list(iter_sources([tmp_path / "page.html", tmp_path / "nobody.html"], IngestOptions()))
    (doc,) = _docs(items)
    assert "Badr Organization" in doc.text and "Copyright" not in doc.text
    assert doc.title and "Badr" in doc.title
    assert doc.published == "2022-07-25"
    (err,) = _errors(items)
    assert "nobody.html" in str(err) and "no article body" in err.message


def test_jsonl_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": ARTICLE,
                "publisher": "Outlet A",
                "published": "2021-11-07",
                "url": "u1",
                "title": "t",
            }
        ),
        "{not json",
        json.dumps({"publisher": "no text"}),
        json.dumps({"text": ARTICLE + " Second copy with an edit.", "publisher": "Outlet B"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_sources([path], IngestOptions()))
    docs = _docs(items)
    assert [d.publisher for d in docs] == ["Outlet A", "Outlet B"]
    assert docs[0].published == "2021-11-07" and docs[0].url == "u1"
    errors = _errors(items)
    assert [e.line for e in errors] == [2, 3]
    assert all(str(path) in str(e) for e in errors)
    assert "malformed JSON" in errors[0].message


def test_stdin_text_and_jsonl() -> None:
    (doc,) = list(read_stream(io.BytesIO(ARTICLE.encode()), IngestOptions(publisher="P")))
    assert isinstance(doc, Document) and doc.publisher == "P"
    feed = (json.dumps({"text": ARTICLE}) + "\n").encode()
    (doc2,) = list(read_stream(io.BytesIO(feed), IngestOptions()))
    assert isinstance(doc2, Document) and doc2.text == ARTICLE.rstrip()


def test_missing_path() -> None:
    (err,) = list(iter_sources([Path("/nonexistent/file.txt")], IngestOptions()))
    assert isinstance(err, IngestError) and "no such file" in err.message


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022", "2022"),
        ("2022-7", "2022-07"),
        ("2022-07-25", "2022-07-25"),
        ("2022-07-25T10:00:00Z", "2022-07-25"),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_parse_date_rejects_nonsense() -> None:
    with pytest.raises(IngestError):
        parse_date("yesterday-ish")


def test_same_text_same_id_whitespace_insensitive() -> None:
    a = list(read_stream(io.BytesIO(ARTICLE.encode()), IngestOptions()))[0]
    b = list(read_stream(io.BytesIO(ARTICLE.replace(" the ", "  the ").encode()), IngestOptions()))[
        0
    ]
    assert isinstance(a, Document) and isinstance(b, Document) and a.id == b.id


def test_folder_manifest_gives_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + " A second, different article.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps(
            {
                "file": "a.txt",
                "publisher": "Outlet A",
                "published": "2020-01-03",
                "url": "https://a.example",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_sources([tmp_path], IngestOptions()))
    assert not _errors(items), "the manifest is metadata, not a feed"
    docs = {d.publisher: d for d in _docs(items)}
    assert set(docs) == {"Outlet A", None}
    assert (
        docs["Outlet A"].published == "2020-01-03" and docs["Outlet A"].url == "https://a.example"
    )


@pytest.mark.parametrize(
    "top, expected",
    [
        (
            "BAGHDAD, Nov. 7, 2021 - Iraqi officials said on Sunday that the talks had failed.",
            "2021-11-07",
        ),
        ("Voice of America\n07 Dec 2019, 06:05 GMT+10", "2019-12-07"),
        ("Press Statement\nWashington, DC\nFebruary 9, 2013", "2013-02-09"),
        ("Updated December   16, 2019", "2019-12-16"),
        (
            "Officials said the militias had left the town after talks that began on January 3, 2020, in Baghdad.",
            None,
        ),
    ],
)
def test_dateline_gives_publication_date(top: str, expected: str | None) -> None:
    from claimgraph.ingest.text import dateline_date

    assert dateline_date(top + "\n\n" + ARTICLE) == expected


def test_given_date_wins_over_dateline() -> None:
    text = "BAGHDAD, Nov. 7, 2021 - " + ARTICLE
    (doc,) = list(read_stream(io.BytesIO(text.encode()), IngestOptions(published="2021-11-08")))
    assert isinstance(doc, Document) and doc.published == "2021-11-08"


def test_manifest_given_by_itself_reads_the_files_it_names(tmp_path: Path) -> None:
    folder = tmp_path / "collection"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "unlisted.txt").write_text(ARTICLE + " Not in the manifest.", encoding="utf-8")
    (tmp_path / "outside.txt").write_text(ARTICLE + " Outside.", encoding="utf-8")
    lines = [
        {"file": "a.txt", "publisher": "Outlet A", "published": "2020-01-03"},
        {"file": "gone.txt", "publisher": "Outlet B"},
        {"file": "../outside.txt", "publisher": "Outlet C"},
    ]
    manifest = folder / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    items = list(iter_sources([manifest], IngestOptions()))
    docs = _docs(items)
    assert [(d.publisher, d.published) for d in docs] == [("Outlet A", "2020-01-03")]
    errors = [str(e) for e in _errors(items)]
    assert len(errors) == 2
    assert any("gone.txt" in e and "not a file" in e for e in errors)
    assert any("outside.txt" in e and "outside its folder" in e for e in errors)
