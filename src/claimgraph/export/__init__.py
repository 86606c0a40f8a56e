"""Export: the JSON Lines contract, PLOVER records and tables for people."""

from claimgraph.export.jsonl import actor_ref, export_records, record_of_event, record_of_relation

__all__ = ["actor_ref", "export_records", "record_of_event", "record_of_relation"]
