"""Analyses over a result: robustness, counterfactuals, their defence, platform comparison,
and the client memo's content.
"""
