"""YAML text composed into nodes and built into plain data with the position of every value
(`document.parse_document` calls this; PyYAML is imported only when a YAML or JSON file is read,
never for a batch of JSON Lines or CSV records)."""

from __future__ import annotations

import re
from typing import Any, NoReturn

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gba_advisor.core.errors import AdvisorError, Location
from gba_advisor.core.source.key_paths import (
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_NODES,
    KeyPath,
    format_key_path,
)

Composed = tuple[
    Any, dict[KeyPath, tuple[int, int]], dict[KeyPath, tuple[int, int]], frozenset[KeyPath]
]
"""The data, the position of every value and of every key, and the non-decimal integers."""

_TOO_BIG = 10**MAX_INT_DIGITS
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_SHOWN = 40
# libyaml's composer is an order of magnitude faster and keeps the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


def compose(text: str, path: str, error_class: type[AdvisorError]) -> Composed:
    """Parse YAML text into plain Python data plus positions."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "malformed YAML"
        raise error_class(
            f"malformed YAML: {problem}",
            location=Location(path, line, column),
            hint="check indentation, colons and quotes around this line",
        ) from None
    except yaml.YAMLError as exc:
        raise error_class(f"malformed YAML: {exc}", location=Location(path)) from None
    except RecursionError:
        raise error_class(
            f"nesting is deeper than the limit of {MAX_DEPTH}", location=Location(path)
        ) from None
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        raise error_class(
            "the file is empty",
            location=Location(path, 1, 1),
            hint="start from `gba-advisor init` or one of the files in examples/",
        )
    builder = _Builder(path, error_class)
    data = builder.build(root, (), 0)
    return data, builder.positions, builder.key_positions, frozenset(builder.non_decimal)


class _Builder:
    def __init__(self, path: str, error_class: type[AdvisorError]) -> None:
        self.path = path
        self.error_class = error_class
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.key_positions: dict[KeyPath, tuple[int, int]] = {}
        self.non_decimal: set[KeyPath] = set()
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")

    def fail(
        self, message: str, node: Node, key_path: KeyPath, hint: str | None = None
    ) -> NoReturn:
        raise self.error_class(
            message,
            location=Location(
                self.path,
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                format_key_path(key_path) or None,
            ),
            hint=hint,
        )

    def build(self, node: Node, key_path: KeyPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(
                f"the document expands to more than {MAX_NODES:,} values",
                node,
                key_path,
                "YAML aliases (*name) that repeat large blocks are not accepted",
            )
        if depth > MAX_DEPTH:
            self.fail(f"nesting is deeper than the limit of {MAX_DEPTH}", node, key_path)
        self._refuse_unknown_tag(node, key_path)
        self.positions.setdefault(key_path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            return self._mapping(node, key_path, depth)
        if isinstance(node, SequenceNode):
            return [
                self.build(item, (*key_path, i), depth + 1) for i, item in enumerate(node.value)
            ]
        return self._scalar(node, key_path)

    def _scalar(self, node: Node, key_path: KeyPath) -> Any:
        text = str(node.value)
        shown = repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if node.tag.endswith(":int") and len(text) > MAX_INT_DIGITS:
                self._too_big(node, key_path, shown, len(text))
            self.fail(f"invalid value {shown}: {str(exc)[:200]}", node, key_path)
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(value) >= _TOO_BIG:
                self._too_big(node, key_path, shown, len(text))
            if not _DECIMAL.fullmatch(text):
                self.non_decimal.add(key_path)
        return value

    def _refuse_unknown_tag(self, node: Node, key_path: KeyPath) -> None:
        """Only the standard tags: any other asks PyYAML to build something else than data."""
        if node.tag not in _STANDARD_TAGS:
            self.fail(
                f"the YAML tag {node.tag[:60]!r} is not allowed",
                node,
                key_path,
                "only plain YAML values are accepted: remove the `!` tag",
            )

    def _too_big(self, node: Node, key_path: KeyPath, shown: str, length: int) -> NoReturn:
        self.fail(
            f"the integer {shown} ({length:,} characters) is too large: "
            f"no number here has more than {MAX_INT_DIGITS:,} digits",
            node,
            key_path,
            "check this value; numbers in profiles and data files are small",
        )

    def _mapping(self, node: MappingNode, key_path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail("YAML merge keys (<<) are not accepted", key_node, key_path)
            if not isinstance(key_node, ScalarNode):
                self.fail("a key must be a plain word", key_node, key_path)
            # Keys do not pass through `build`, so their tag is checked here.
            self._refuse_unknown_tag(key_node, key_path)
            key = str(self._scalar(key_node, key_path))
            if key in result:
                self.fail(f"key `{key}` is written twice", key_node, (*key_path, key))
            child = (*key_path, key)
            self.key_positions[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            self.positions[child] = (
                value_node.start_mark.line + 1,
                value_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, child, depth + 1)
        return result
