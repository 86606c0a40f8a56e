"""Ingest: read sources (text, HTML, JSON Lines, folders, stdin) into :class:`Document` objects.

Readers are generators that yield a :class:`~claimgraph.model.Document` for every good input and
an :class:`~claimgraph.errors.IngestError` for every bad one, so that a batch never stops at a bad
file and never loses the good documents beside it.
"""

from claimgraph.ingest.readers import (
    DEFAULT_MAX_CHARS,
    IngestOptions,
    iter_sources,
    read_path,
    read_stream,
)

__all__ = ["DEFAULT_MAX_CHARS", "IngestOptions", "iter_sources", "read_path", "read_stream"]
