"""Press-coverage analysis: corpus -> tidy pandas frames -> notebooks -> HTML reports."""
from .corpus import Corpus, load_corpus
from .errors import CorpusError
from . import estimates, names, timeline, translation  # noqa: F401,E402  (register their corpus layers and tables)

__all__ = ["Corpus", "CorpusError", "load_corpus"]
__version__ = "0.1.0"
