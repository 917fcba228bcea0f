"""Article pages: writing them without losing an edit, the one front-matter reader, page prose, key figures."""
