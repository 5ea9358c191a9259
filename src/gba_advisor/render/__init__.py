"""Renderers: one result object, many forms. They return strings or Rich renderables; only the
CLI prints."""
