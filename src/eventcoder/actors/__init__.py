"""Actors: the knowledge base (data files) and the in-document resolver."""

from .kb import KnowledgeBase, load_knowledge_base, read_knowledge_base
from .resolver import ActorAnalysis, ActorMatcher, ActorResolver

__all__ = [
    "ActorAnalysis",
    "ActorMatcher",
    "ActorResolver",
    "KnowledgeBase",
    "load_knowledge_base",
    "read_knowledge_base",
]
