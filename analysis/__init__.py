"""Press-coverage analysis: corpus -> tidy tables (a dataset) -> notebooks -> HTML reports."""

__version__ = "0.2.0"
