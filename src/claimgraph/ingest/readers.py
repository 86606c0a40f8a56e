"""Readers for every kind of source. Each yields Documents and IngestErrors, never raises them."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from claimgraph.errors import IngestError
from claimgraph.ids import document_id
from claimgraph.ingest.text import (
    dateline_date,
    decode,
    guess_title,
    looks_english,
    split_publisher_lines,
)
from claimgraph.model import Document

DEFAULT_MAX_CHARS = 1_000_000
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

Item = Document | IngestError


@dataclass(frozen=True)
class IngestOptions:
    """Metadata given by the user for single inputs, and limits."""

    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None  # force a language: skips the English check
    max_chars: int = DEFAULT_MAX_CHARS
    input_format: str = "auto"  # auto | text | html | jsonl


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_date(value: str | None, source: str = "--published") -> str | None:
    """Normalise a given date to partial ISO (``2022``, ``2022-07``, ``2022-07-25``)."""
    if value is None or not str(value).strip():
        return None
    v = str(value).strip()
    m = _ISO_PARTIAL.fullmatch(v)
    try:
        if m:
            year, month, day = m.group(1), m.group(2), m.group(3)
            d = dt.date(int(year), int(month or 1), int(day or 1))
            return d.isoformat()[: 4 if month is None else 7 if day is None else 10]
        return dt.datetime.fromisoformat(v.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise IngestError(
            source, f"cannot read date {v!r}; use ISO form, e.g. 2022-07-25"
        ) from None


def _finish(
    text: str, source: str, options: IngestOptions, meta: dict[str, Any] | None = None
) -> Document:
    """Checks shared by all readers, then the Document."""
    meta = meta or {}
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(source, "no text to ingest (the body is empty)")
    if len(text) > options.max_chars:
        raise IngestError(
            source,
            f"text is {len(text):,} characters, over the limit of {options.max_chars:,}; "
            "split it into articles or raise the limit with --max-chars",
        )
    body, publisher_line = split_publisher_lines(text)
    body = body.rstrip()
    language = meta.get("language") or options.language
    if language is None:
        ok, why = looks_english(body)
        if not ok:
            raise IngestError(
                source,
                f"this does not look like English ({why}); claimgraph's pipeline reads English. "
                "Use --language en to ingest it anyway",
            )
        language = "en"
    published = parse_date(meta.get("published") or options.published, source) or dateline_date(
        body
    )
    return Document(
        id=document_id(body),
        text=body,
        url=meta.get("url") or options.url,
        publisher=meta.get("publisher") or options.publisher or publisher_line,
        title=meta.get("title") or options.title or guess_title(body),
        published=published,
        language=language,
    )


def read_text(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    try:
        yield _finish(decode(data, source), source, options)
    except IngestError as exc:
        yield exc


def read_html(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    try:
        html = decode(data, source)
        import trafilatura  # imported lazily: it is slow to import and only HTML needs it

        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        if result is None:
            raise IngestError(source, "no article body found in this HTML page")
        found = result if isinstance(result, dict) else result.as_dict()
        text = found.get("text") or ""
        if len(text.split()) < 5:
            raise IngestError(source, "no article body found in this HTML page")
        meta = {
            "title": found.get("title"),
            "published": found.get("date"),
            "publisher": found.get("sitename") or found.get("hostname"),
            "url": found.get("url"),
        }
        yield _finish(text, source, options, {k: v for k, v in meta.items() if v})
    except IngestError as exc:
        yield exc


def read_jsonl(lines: Iterable[bytes], source: str, options: IngestOptions) -> Iterator[Item]:
    """One JSON object per line: ``{"text", "url", "publisher", "published", "title"}``."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise IngestError(source, f"malformed JSON: {exc}", number) from None
            if not isinstance(obj, dict):
                raise IngestError(source, "each line must be a JSON object", number)
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                raise IngestError(source, 'the object has no "text" (a non-empty string)', number)
            meta = {k: obj.get(k) for k in ("url", "publisher", "published", "title", "language")}
            line_opts = replace(options, publisher=None, published=None, url=None, title=None)
            yield _finish(
                text, f"{source}:{number}", line_opts, {k: v for k, v in meta.items() if v}
            )
        except IngestError as exc:
            yield exc if exc.line is not None else IngestError(source, exc.message, number)


def _kind(path: Path, options: IngestOptions, head: bytes) -> str:
    if options.input_format != "auto":
        return options.input_format
    kind = SUFFIXES.get(path.suffix.lower())
    if kind:
        return kind
    start = head.lstrip()[:200].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_path(path: Path, options: IngestOptions) -> Iterator[Item]:
    """Read one file (any supported kind)."""
    source = str(path)
    try:
        if path.suffix.lower() == ".jsonl" or options.input_format == "jsonl":
            with path.open("rb") as fh:
                yield from read_jsonl(fh, source, options)
            return
        size = path.stat().st_size
        if size > 4 * options.max_chars + 1024:
            yield IngestError(
                source,
                f"file is {size / 1e6:.1f} MB, over the limit of {options.max_chars:,} characters; "
                "split it into articles or raise the limit with --max-chars",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(source, f"cannot read: {exc.strerror or exc}")
        return
    if _kind(path, options, data[:512]) == "html":
        yield from read_html(data, source, options)
    else:
        yield from read_text(data, source, options)


def read_stream(
    stream: IO[bytes], options: IngestOptions, source: str = "<stdin>"
) -> Iterator[Item]:
    """Read standard input: JSON Lines if every line is an object, else one text or HTML."""
    data = stream.read()
    fmt = options.input_format
    if fmt == "auto":
        stripped = data.lstrip()
        if stripped.startswith(b"{"):
            fmt = "jsonl"
        elif stripped[:200].lower().startswith((b"<!doctype html", b"<html")):
            fmt = "html"
        else:
            fmt = "text"
    if fmt == "jsonl":
        yield from read_jsonl(data.splitlines(), source, options)
    elif fmt == "html":
        yield from read_html(data, source, options)
    else:
        yield from read_text(data, source, options)


def read_manifest(path: Path) -> dict[str, dict[str, Any]] | None:
    """A folder's metadata sidecar: a JSON Lines file whose objects name a ``file`` (relative to
    the folder) and give its ``publisher``, ``url``, ``published``, ``title`` — and have no
    ``text``. Returns None when the file is not such a manifest (then it is a feed)."""
    out: dict[str, dict[str, Any]] = {}
    try:
        with path.open("rb") as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                obj = json.loads(raw)
                if (
                    not isinstance(obj, dict)
                    or "text" in obj
                    or not isinstance(obj.get("file"), str)
                ):
                    return None
                meta = {
                    k: obj.get(k) for k in ("url", "publisher", "published", "title", "language")
                }
                out[obj["file"]] = {k: v for k, v in meta.items() if v}
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    return out or None


def _with_metadata(options: IngestOptions, meta: dict[str, Any] | None) -> IngestOptions:
    if not meta:
        return options
    return replace(
        options,
        publisher=meta.get("publisher") or options.publisher,
        published=meta.get("published") or options.published,
        url=meta.get("url") or options.url,
        title=meta.get("title") or options.title,
        language=meta.get("language") or options.language,
    )


def expand_paths(inputs: Iterable[str]) -> list[str | Path]:
    """Files to read: folders are walked (sorted) for .txt/.html/.jsonl files; ``-`` is stdin."""
    out: list[str | Path] = []
    for item in inputs:
        if item == "-":
            out.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            out.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            out.append(path)
    return out


def iter_sources(inputs: Iterable[str | Path], options: IngestOptions) -> Iterator[Item]:
    """Every document (or error) from a list of files, folders and ``-``."""
    for item in inputs:
        if item == "-":
            yield from read_stream(sys.stdin.buffer, options)
            continue
        path = Path(item)
        if not path.exists():
            yield IngestError(str(path), "no such file or folder")
        elif path.is_dir():
            manifests: dict[Path, dict[str, dict[str, Any]]] = {}
            children = [c for c in expand_paths([str(path)]) if isinstance(c, Path)]
            for child in children:
                if child.suffix.lower() == ".jsonl":
                    found = read_manifest(child)
                    if found is not None:
                        manifests[child] = found
            for child in children:
                if child in manifests:
                    continue  # metadata, not articles
                meta = next(
                    (
                        m[str(child.relative_to(mpath.parent))]
                        for mpath, m in manifests.items()
                        if child.is_relative_to(mpath.parent)
                        and str(child.relative_to(mpath.parent)) in m
                    ),
                    None,
                )
                yield from read_path(child, _with_metadata(options, meta))
        elif path.suffix.lower() == ".jsonl" and (manifest := read_manifest(path)) is not None:
            yield from read_manifest_files(path, manifest, options)
        else:
            yield from read_path(path, options)


def read_manifest_files(
    path: Path, manifest: dict[str, dict[str, Any]], options: IngestOptions
) -> Iterator[Item]:
    """A manifest given by itself: read the files it names (relative to its folder, and inside
    it), each with its metadata, in the manifest's order. A named file that is missing or
    outside the folder is one error."""
    folder = path.parent.resolve()
    for name, meta in manifest.items():
        child = path.parent / name
        if not child.resolve().is_relative_to(folder):
            # a manifest may come with a downloaded collection: it names files of its folder only
            yield IngestError(str(path), f"names {name!r}, which is outside its folder")
            continue
        if not child.is_file():
            yield IngestError(str(path), f"names {name!r}, which is not a file beside it")
            continue
        yield from read_path(child, _with_metadata(options, meta))
