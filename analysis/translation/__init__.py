"""Translation analysis: artefacts inside one article (``article``), renderings and titles
compared across articles (``corpus``), the per-article summary (``summary``)."""
