"""CAMEO codebook and the CAMEO to PLOVER map, loaded from data files."""

from .codebook import Codebook, load_codebook

__all__ = ["Codebook", "load_codebook"]
