"""CSL-JSON, the items as they are: what Zotero, Pandoc and citeproc read without a converter."""

from __future__ import annotations

import json


def to_csl_json(items: list[dict]) -> str:
    """The items as a CSL-JSON array, Chinese as written (not ``\\u`` escapes), keys sorted so the
    same items always give the same file."""
    return json.dumps(list(items), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
