"""The knowledge layer without Sphinx: facts read from article paragraphs, each citing its paragraph.

Pure functions over :mod:`dangjian.pages.paragraphs`; the site (:mod:`dangjian.sphinx_ext.knowledge`),
``dangjian check`` and the import review all ask these modules.
"""
