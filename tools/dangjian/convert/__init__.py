"""Converter stages, one module each, chained by :mod:`.pipeline`."""
