"""Names analysis: who each mention is (``canonical``, per article) and the spellings the
coverage uses (``variants``, cross-article)."""
