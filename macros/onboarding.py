"""Macros for the onboarding guides, the glossary and the policy comparison (ny-medarbejder/, politikker/sammenlign/)."""
from __future__ import annotations

from .catalog import Catalog


def register(env, catalog: Catalog) -> None:
    """Register the onboarding macros on the macros plugin's `env`."""
