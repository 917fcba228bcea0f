"""Reuse it: the 数据下载 page and the data package the HTML build publishes beside it."""

from __future__ import annotations

from sphinx.application import Sphinx

from .page import setup_data_page
from .publish import setup_publish


def setup_opendata(app: Sphinx) -> None:
    setup_data_page(app)
    setup_publish(app)
