"""Actors: the knowledge base (data files) and the in-document resolver."""

from .kb import KnowledgeBase, read_knowledge_base
from .resolver import ActorAnalysis, ActorMatcher, ActorResolver
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
