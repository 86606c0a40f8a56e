"""NLP: the spaCy pipeline with the knowledge base's names as an entity ruler before NER."""

from claimgraph.nlp.pipeline import MODEL_CANDIDATES, load_model, load_nlp

__all__ = ["MODEL_CANDIDATES", "load_model", "load_nlp"]
