"""The ``dangjian`` command: convert, check and terms, wired from the packages below; the import review; the run guard."""
