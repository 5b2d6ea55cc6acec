"""The staff inbox: statements from allocated children, replies, read receipts, review contributions."""
