"""The HTTP API and the web explorer: `create_app(ServerConfig(db=...))`."""

from .app import create_app
from .config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
