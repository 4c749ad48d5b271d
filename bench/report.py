"""Placeholder report."""


def write_report():
    pass
