"""The glossary's forms as jieba dictionary words: one rule for the site's search and the data's index."""

from __future__ import annotations

import re

from .model import Glossary

#: The characters jieba keeps together as one word; other forms cannot be dictionary words.
JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")


def dictionary_words(glossary: Glossary) -> list[str]:
    """Every term, traditional form and alias of two or more characters that jieba can hold."""
    forms = {
        form
        for entry in glossary.entries
        for form in (entry.term, entry.traditional, *entry.aliases)
        if len(form) >= 2 and JIEBA_WORD.match(form)
    }
    return sorted(forms)
