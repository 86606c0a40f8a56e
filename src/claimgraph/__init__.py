"""claimgraph: who did what to whom, when — according to whom.

The library is organised as one package per pipeline stage::

    ingest -> nlp -> actors -> extract -> store -> corroborate -> export

:func:`claimgraph.pipeline.Pipeline` wires them together; the CLI is a thin layer over it.
"""

__version__ = "0.1.0"
