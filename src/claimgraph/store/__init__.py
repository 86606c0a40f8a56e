"""Store: SQLite in WAL mode, one writer, one transaction per document."""

from claimgraph.store.sqlite import Store

__all__ = ["Store"]
