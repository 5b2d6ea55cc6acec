"""Complaints: the Children Act 1989 representations procedure, its clocks, and its reports."""
