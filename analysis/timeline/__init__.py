"""Timeline analysis: time expressions (per article), events merged across outlets and date
findings (cross-article). Modules: ``dating`` (publication dates), ``article`` (per-article
rows), ``events`` (cross-article merge and conflicts)."""
