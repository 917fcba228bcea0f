"""Where things live in the repository, as POSIX paths relative to its root (also how messages show them)."""

SOURCES = "sources"
DOCS = "docs"
ARTICLES = "docs/articles"
GLOSSARY = "docs/glossary/terms.yaml"
GAZETTEER = "docs/_data/gazetteer.yaml"
#: Folders of docs/ written by the build (region pages); toctrees may name them before they exist.
GENERATED = ("regions/",)
#: Backups of pages ``convert --force`` overwrote, and the lock one ``convert`` run holds.
BACKUPS = ".dangjian/backups"
LOCK_FILE = ".dangjian/convert.lock"
