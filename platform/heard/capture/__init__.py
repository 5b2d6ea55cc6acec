"""Capture over HTTP: children's statements and surveys, drafts, messages, anonymous links, survey openings."""
