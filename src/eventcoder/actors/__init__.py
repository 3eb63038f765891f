"""Actors: the knowledge base (data files) and the in-document resolver."""

from .kb import KnowledgeBase, read_knowledge_base
from .matching import ActorAnalysis, ActorMatcher
from .resolver import ActorResolver
from .user import apply_user_file, load_knowledge_base

__all__ = [
    "ActorAnalysis",
    "ActorMatcher",
    "ActorResolver",
    "KnowledgeBase",
    "apply_user_file",
    "load_knowledge_base",
    "read_knowledge_base",
]
