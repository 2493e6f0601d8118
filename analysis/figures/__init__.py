"""Matplotlib figures of the notebooks, one module per notebook topic, deterministic
(no timestamps, fixed ids, no mathtext on untrusted text)."""
from .corpus import article_lengths, publication_dates
from .estimates import estimate_evolution
from .names import spelling_matrix
from .style import save
from .timeline import article_freshness, event_timeline

__all__ = ["article_lengths", "article_freshness", "estimate_evolution", "event_timeline", "publication_dates",
           "save", "spelling_matrix"]
