"""The glossary: entries read from YAML, term matching, checks and term mining (no Sphinx here)."""
