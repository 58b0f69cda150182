"""factbrowser: a terminal fact browser over a curated, source-checked fact base."""

__version__ = "0.1.0"
