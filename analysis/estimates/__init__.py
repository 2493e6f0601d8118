"""Troop-estimate analysis: figures with qualifier, scope, claimant and claim date (per
article), contradictions between outlets (cross-article), the ledger and its reading (for the
notebook). Modules: ``lexicon``, ``article``, ``claimants``, ``findings``, ``ledger``."""
from .lexicon import SCOPES

__all__ = ["SCOPES"]
