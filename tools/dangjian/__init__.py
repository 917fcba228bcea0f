"""dangjian: turn newspaper articles on grassroots Party building into a Sphinx knowledge base."""

__version__ = "0.1.0"
