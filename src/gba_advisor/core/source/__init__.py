"""Source documents: YAML and JSON read with the position of every value, pydantic
errors turned into located messages, near-miss suggestions, and safe file writing.
"""
