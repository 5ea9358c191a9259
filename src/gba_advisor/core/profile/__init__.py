"""A client's profile: the schema, the loader that resolves it against a knowledge base,
and the writer of commented YAML.
"""
