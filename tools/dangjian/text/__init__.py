"""Text utilities every layer uses: line normalisation, MyST escaping, YAML read with line numbers, dates."""
