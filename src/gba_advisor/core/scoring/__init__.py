"""Scoring: the basis of a run (knowledge base and date), the rules, and the 0-100 scores
whose points add up rule by rule; facts dated after the as-of date marked.
"""
