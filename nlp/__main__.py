"""``python -m nlp``: the same as ``heard nlp``."""

import sys

from nlp.cli import main

sys.exit(main())
