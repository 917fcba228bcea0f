extensions = ["myst_parser", "sphinx_design", "dangjian.sphinx_ext"]
myst_enable_extensions = ["colon_fence"]
language = "zh_CN"
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
