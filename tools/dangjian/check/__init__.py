"""``dangjian check``: every contributor mistake the tools can see without a build, as ``path:line: message``."""
