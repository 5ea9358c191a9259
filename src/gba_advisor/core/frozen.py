"""Frozen dataclasses made without compiling source at import, and made fast in bulk.

`frozen` is `@dataclass(frozen=True, slots=True)`. dataclasses writes each method of each
class as source and compiles it when the class's module is imported: six methods a class,
some 0.15 ms each, and a cold `match` imports some forty of these classes, for about a tenth
of its time. Here dataclasses makes the fields, the slots and `__match_args__`, and the
methods are closures over the fields (`__init__`, `__repr__`, `__eq__`, `__hash__`, the
frozen `__setattr__`/`__delattr__`, and the state pickling uses), behaving as the compiled
ones: the same objects, equality, hashes, text and errors (tested against them).

In bulk, a class's `__init__` is compiled after all, once it has made `WARM_UP` objects: a
screened profile makes some thirty small frozen objects, an explained one a hundred
contributions besides, and the compiled `__init__` sets each slot through its own descriptor,
in about half the time of dataclasses' (which goes through `object.__setattr__`, looking the
field up by name every time). Assigning a field still raises `FrozenInstanceError`.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any, TypeVar, cast, dataclass_transform

C = TypeVar("C", bound=type)

WARM_UP = 64
"""Objects a class makes before its `__init__` is compiled: compiling costs some 0.15 ms a
class, which a cold `match`, making a few objects of most classes, would pay for nothing."""


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: C) -> C:
    """`@dataclass(frozen=True, slots=True)`, without compiling a method from source: the
    class's fields, slots and `__match_args__` are dataclasses' own; `__init__`, `__repr__`,
    `__eq__`, `__hash__` and the frozen `__setattr__`/`__delattr__` are closures over the
    fields, which behave as the compiled ones (tested against them). After `WARM_UP` objects
    the class gets the compiled fast `__init__`. A class that writes its own
    `__init__` keeps it; fields left out of `__init__` or keyword-only are not supported."""
    own_init = "__init__" in vars(cls)
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    specs = fields(made)
    if any(not f.init or f.kw_only is True for f in specs):
        raise TypeError(f"{made.__qualname__}: @frozen takes fields that __init__ sets by position")
    names = tuple(f.name for f in specs)
    compared = _values([f.name for f in specs if f.compare])
    hashed = _values([f.name for f in specs if (f.compare if f.hash is None else f.hash)])

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is made or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(made, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is made or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(made, self).__delattr__(name)

    # As dataclasses gives a frozen slotted class: the state as a list, set back past the
    # frozen `__setattr__`.
    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, name) for name in names]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=False):
            object.__setattr__(self, name, value)

    methods = [__eq__, __hash__, __setattr__, __delattr__, __getstate__, __setstate__]
    if not own_init:
        methods.append(_bound_init(made))
    for method in methods:
        method.__qualname__ = f"{made.__qualname__}.{method.__name__}"
        setattr(made, method.__name__, method)
    setattr(made, "__repr__", _repr)  # noqa: B010  # a method of the class, not of mypy's view
    return cast(C, made)


def _bound_init(cls: type) -> Callable[..., None]:
    """An `__init__` that binds its arguments to the fields as the compiled one would, until
    the class has made `WARM_UP` objects and gets the compiled fast one (if it can)."""
    setters = [
        (f.name, vars(cls)[f.name].__set__, f.default, f.default_factory) for f in fields(cls)
    ]
    names = {name: None for name, *_ in setters}
    post_init = hasattr(cls, "__post_init__")
    compiles = not post_init  # the compiled `__init__` would not run it
    made = 0
    where = f"{cls.__qualname__}.__init__()"

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal made
        if compiles:
            made += 1
            if made == WARM_UP:
                cls.__init__ = _init(cls)  # type: ignore[misc]  # replacing it is the point
        if len(args) > len(setters):
            raise TypeError(
                f"{where} takes {len(setters) + 1} positional arguments but {len(args) + 1} "
                "were given"
            )
        given = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in names:
                raise TypeError(f"{where} got an unexpected keyword argument {key!r}")
            if key in given:
                raise TypeError(f"{where} got multiple values for argument {key!r}")
            given[key] = value
        missing = []
        for name, set_value, default, factory in setters:
            if name in given:
                set_value(self, given[name])
            elif default is not MISSING:
                set_value(self, default)
            elif factory is not MISSING:
                set_value(self, factory())
            else:
                missing.append(repr(name))
        if missing:
            raise TypeError(f"{where} missing required arguments: {', '.join(missing)}")
        if post_init:
            self.__post_init__()

    return __init__


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the fields `names` that dataclasses' methods compare or hash."""
    if len(names) > 1:
        return cast(Callable[[Any], tuple[Any, ...]], operator.attrgetter(*names))
    return lambda item: tuple([getattr(item, name) for name in names])


def _repr(self: Any) -> str:
    """What dataclasses' own `__repr__` writes: the class and each field shown in the repr."""
    shown = ", ".join([f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr])
    return f"{type(self).__qualname__}({shown})"


def _init(cls: type) -> Callable[..., None]:
    namespace: dict[str, Any] = {"_FACTORY": _FACTORY}
    parameters = ["self"]
    body = ""
    for f in fields(cls):
        namespace[f"_set_{f.name}"] = vars(cls)[f.name].__set__
        value = f.name
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            parameters.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            # As dataclasses does: a sentinel default, replaced by a new value on each call.
            namespace[f"_factory_{f.name}"] = f.default_factory
            parameters.append(f"{f.name}=_FACTORY")
            value = f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}"
        else:
            parameters.append(f.name)
        body += f"    _set_{f.name}(self, {value})\n"
    source = f"def __init__({', '.join(parameters)}):\n{body or '    pass'}\n"
    # Safe to run: the source holds nothing but the class's own field names (identifiers).
    exec(source, namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = "Set each field's slot directly (`core.frozen`, after the warm-up)."
    return init


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()
