"""Submissions: what a child sends, stored durably before they see "sent"."""
