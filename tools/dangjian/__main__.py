"""``python -m dangjian``."""

import sys

from .cli import main

sys.exit(main())
