"""Actors: resolve the names in a parsed document to canonical actors."""

from claimgraph.actors.resolve import ActorMention, Resolution, resolve_actors

__all__ = ["ActorMention", "Resolution", "resolve_actors"]
