"""One exception hierarchy for the whole library.

Every error says what went wrong and, where it can, how to fix it.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""


class IngestError(ClaimgraphError):
    """A source could not be read into a document.

    ``source`` names the file (and ``line`` the line of a JSON Lines file) so that a batch can
    report the problem and go on with the rest.
    """

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class KnowledgeBaseError(ClaimgraphError):
    """The knowledge base (built-in or an overlay) is malformed."""


class ModelNotFoundError(ClaimgraphError):
    """No spaCy pipeline could be loaded."""


class StoreError(ClaimgraphError):
    """The SQLite store cannot be opened or is of an incompatible version."""


class NotFoundError(ClaimgraphError):
    """A looked-up actor, event or document does not exist."""


class UsageError(ClaimgraphError):
    """The caller passed an invalid option value."""
