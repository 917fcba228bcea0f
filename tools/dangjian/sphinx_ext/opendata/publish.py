"""The HTML build publishes the data package in ``data/``, beside the pages it describes.

Made from the same article pages, glossary and gazetteer the build read, by
:mod:`dangjian.dataset`, when the build finishes.  The package is written again only when one of
its inputs changed (a fingerprint kept in the doctree folder), so a rebuild that changed
nothing pays nothing for it; an article's rows are kept between builds while its page, the
glossary, the gazetteer and the divisions are unchanged (locating pieces and extracting facts
is most of the cost: 24 of 29 s at 1,000 articles).  ``dangjian_data_package = False`` leaves
the package out (quick previews).
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ... import __version__
from ...dataset.collect import ArticleRows, Inputs, article_rows, build_dataset
from ...dataset.package import write_package
from ...dataset.segment import Segmenter
from ...errors import SourceError
from ...glossary.matcher import TermMatcher
from ...regions.divisions import open_divisions
from ...regions.gazetteer import parse_gazetteer
from ..config import get_config
from ..terms.domain import terms_domain
from .page import DATA_FOLDER

logger = logging.getLogger(__name__)

FINGERPRINT = "dangjian-data.sha256"
ROWS_CACHE = "dangjian-data-rows.pickle"


class _RowsCache:
    """Each article's rows by the hash of its page, valid while ``key`` (everything else) holds."""

    def __init__(self, path: Path, key: str, inputs: Inputs) -> None:
        self.path, self.key, self.inputs = path, key, inputs
        self.matcher = TermMatcher.from_glossary(inputs.glossary)
        try:
            with path.open("rb") as handle:
                stored = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            stored = {}
        self.rows: dict[str, ArticleRows] = stored.get("rows", {}) if stored.get("key") == key else {}
        self.used: dict[str, ArticleRows] = {}

    def __call__(self, article: str, page: str) -> ArticleRows:
        digest = hashlib.sha256(f"{article}\0{page}".encode()).hexdigest()
        found = self.rows.get(digest) or article_rows(article, page, self.inputs, self.matcher)
        self.used[digest] = found
        return found

    def save(self) -> None:
        with self.path.open("wb") as handle:
            pickle.dump({"key": self.key, "rows": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)


def site_inputs(app: Sphinx) -> tuple[Inputs, str, str]:
    """The package's inputs as this build has them, their fingerprint, and that of all but the pages."""
    settings = get_config(app.config)
    pages = {
        page.stem: page.read_text(encoding="utf-8")
        for page in sorted(Path(app.srcdir, settings.articles_dir).glob("*.md"))
        if page.stem != "index"
    }
    gazetteer_file = Path(app.srcdir, settings.gazetteer_file)
    gazetteer_text = gazetteer_file.read_text(encoding="utf-8")
    domain = terms_domain(app.env)
    divisions = open_divisions()
    digest = hashlib.sha256(f"{__version__}\0{divisions.version}\0{gazetteer_text}\0".encode())
    digest.update(domain.glossary_path.read_bytes() if domain.glossary_path.is_file() else b"")
    shared = digest.hexdigest()
    for name, text in pages.items():
        digest.update(f"\0{name}\0{text}".encode())
    inputs = Inputs(pages, domain.glossary, parse_gazetteer(gazetteer_text, str(gazetteer_file)), divisions)
    return inputs, digest.hexdigest(), shared


def _not_written(error: SourceError) -> None:
    """A page the build's checks already warned about: say the package is left as it was, and go on
    (a second warning for the same mistake would only repeat it)."""
    logger.info("dangjian: data package not written: %s", error)


def publish_data(app: Sphinx, exception: BaseException | None) -> None:
    settings = get_config(app.config)
    if exception is not None or app.builder.format != "html" or not settings.data_package:
        return
    if not Path(app.srcdir, settings.gazetteer_file).is_file():
        return  # no places, no region pages: a project without the knowledge base's data
    try:
        inputs, fingerprint, shared = site_inputs(app)
    except SourceError as error:
        _not_written(error)
        return
    out = Path(app.outdir, DATA_FOLDER)
    stamp = Path(app.doctreedir, FINGERPRINT)
    if out.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint:
        return
    cache = _RowsCache(Path(app.doctreedir, ROWS_CACHE), shared, inputs)
    try:
        data = build_dataset(inputs, cache)
    except SourceError as error:
        _not_written(error)
        return
    write_package(data, out, Segmenter(inputs.glossary))
    cache.save()
    stamp.write_text(fingerprint, encoding="utf-8")


def setup_publish(app: Sphinx) -> None:
    app.connect("build-finished", publish_data)
