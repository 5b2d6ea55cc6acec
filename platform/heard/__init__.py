"""Heard: the service kernel for a voice-of-the-child platform.

``TEMPLATE_DIR`` and ``STATIC_DIR`` are the service's page templates and browser files, found through the package
so the installed wheel serves the same files as the checkout.
"""

from pathlib import Path

__version__ = "0.1.0"

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
