"""The knowledge base as data: a Frictionless Data Package of CSV tables, JSON and SQLite.

``schema`` defines every table once; ``collect`` reads the pages, glossary and gazetteer into
rows (``rows``); ``package`` writes the files, ``sqlite`` the database with its full-text
index (``segment``), ``search`` queries it, ``explore`` gives Datasette its canned queries.
"""
