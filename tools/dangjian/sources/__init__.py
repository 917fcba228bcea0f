"""The files in sources/: which are articles, and their metadata sidecars."""
