"""Advising many profiles: records in, result lines out, on one of several engines.

Beside the core, above it: it runs `core` and nothing of the screen (no render, no tui).
"""
