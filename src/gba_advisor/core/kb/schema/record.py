"""Plain records: the compiled knowledge base as the rest of the core reads it.

The YAML is validated by the pydantic models of `kb.written`; what scoring, the analyses and
the renderers read is this plain copy of the same fields (`kb.loader`). Defining pydantic
classes costs some 10 ms even with deferred building, and a warm start unpickles the cached
knowledge base: plain records spare it that (issue 11) and unpickle faster.

A record keeps the part of pydantic's interface the core uses: keyword construction with
defaults, immutability, equality and hashing by value, `model_fields`, `model_fields_set`,
`model_copy(update=...)` and `model_dump(mode="json")`, the last equal to pydantic's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from operator import itemgetter
from typing import Any, ClassVar, Self, TypeVar, cast, dataclass_transform

T = TypeVar("T")
_MISSING = object()
_GIVEN = "_fields_set"
"""Where a record keeps the names of the fields it was given (not a field: fields are public)."""


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A default made afresh for each record (`Field(default_factory=...)`)."""
    return cast(T, _Factory(default_factory))


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record:
    """Base of every record: fields are the annotated names of the class, in order."""

    model_fields: ClassVar[dict[str, None]] = {}
    """The field names, in order (pydantic's `model_fields` keys, which is what callers read)."""
    _defaults: ClassVar[dict[str, Any]] = {}
    _values: ClassVar[Callable[[dict[str, Any]], Any]]
    """The field values out of an instance's __dict__ (what equality and hashing compare)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = dict.fromkeys(name for name in vars(cls).get("__annotations__", {}))
        cls.model_fields = names
        cls._defaults = {name: vars(cls)[name] for name in names if name in vars(cls)}
        cls._values = itemgetter(*names) if names else lambda _: ()

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - self.model_fields.keys()
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        state: dict[str, Any] = {}
        for name in self.model_fields:
            if name in values:
                state[name] = values[name]
                continue
            default = self._defaults.get(name, _MISSING)
            if default is _MISSING:
                raise TypeError(f"{type(self).__name__} needs {name}")
            state[name] = default.make() if isinstance(default, _Factory) else default
        _fill(self, state, frozenset(values))

    @classmethod
    def _make(cls, state: dict[str, Any], fields_set: frozenset[str]) -> Self:
        record = object.__new__(cls)
        _fill(record, state, fields_set)
        return record

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        values = type(self)._values
        return bool(values(self.__dict__) == values(other.__dict__))

    def __hash__(self) -> int:
        return hash((type(self), type(self)._values(self.__dict__)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.model_fields)
        return f"{type(self).__name__}({shown})"

    @property
    def model_fields_set(self) -> set[str]:
        """The fields given when the record was made (written in the YAML)."""
        return set(_given(self))

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with `update` applied, unchecked, as pydantic's `model_copy` does."""
        changes = dict(update or {})
        state = {name: getattr(self, name) for name in self.model_fields}
        return self._make({**state, **changes}, _given(self) | changes.keys())

    def model_dump(self, *, mode: str = "json", exclude: Iterable[str] = ()) -> dict[str, Any]:
        """The fields as JSON-ready values, exactly as pydantic's `model_dump(mode="json")`."""
        if mode != "json":
            raise ValueError("records are dumped as JSON values only")
        left_out = set(exclude)
        return {k: _jsonable(getattr(self, k)) for k in self.model_fields if k not in left_out}


def _fill(record: Record, state: dict[str, Any], fields_set: frozenset[str]) -> None:
    # Everything in the instance's __dict__, the fields given under a key no field can have: a
    # record pickles as its class and that dict, which the C unpickler restores without calling
    # back into Python (a third of a warm start's unpickling).
    state[_GIVEN] = fields_set
    object.__setattr__(record, "__dict__", state)


def _given(record: Record) -> frozenset[str]:
    given: frozenset[str] = record.__dict__[_GIVEN]
    return given


def _jsonable(value: Any) -> Any:
    if isinstance(value, Record):
        return value.model_dump()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {_jsonable(key): _jsonable(item) for key, item in value.items()}
    return value
