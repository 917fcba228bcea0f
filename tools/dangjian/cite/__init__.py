"""Citations without Sphinx: CSL-JSON items for article pages and glossary entries, and the
formats readers take away (GB/T 7714-2015 text, BibTeX, RIS, CSL-JSON).

``items`` builds the one CSL-JSON item per page or entry that every format is written from, so
the formats cannot disagree; ``gbt7714`` renders it with citeproc-js (Node.js), the others are
pure Python.
"""
