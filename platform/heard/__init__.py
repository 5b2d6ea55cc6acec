"""Heard: the service kernel for a voice-of-the-child platform."""

__version__ = "0.1.0"
