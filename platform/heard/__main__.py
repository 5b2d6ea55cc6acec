"""`python -m heard` is the `heard` command."""

import sys

from heard.cli import main

sys.exit(main())
