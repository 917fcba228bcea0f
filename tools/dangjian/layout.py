"""Where things live in the repository, as POSIX paths relative to its root (also how messages show them)."""

SOURCES = "sources"
DOCS = "docs"
ARTICLES = "docs/articles"
GLOSSARY = "docs/glossary/terms.yaml"
GAZETTEER = "docs/_data/gazetteer.yaml"
#: Folders of docs/ written by the build (region pages); toctrees may name them before they exist.
GENERATED = ("regions/",)
