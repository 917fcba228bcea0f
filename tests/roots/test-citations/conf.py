extensions = ["myst_parser", "sphinx_design", "dangjian.sphinx_ext"]
myst_enable_extensions = ["colon_fence", "attrs_block"]
language = "zh_CN"
exclude_patterns = ["_build"]
