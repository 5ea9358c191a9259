"""Frozen dataclasses, made faster: at import (`frozen`), and in bulk (`fast_init`).

`frozen` is `@dataclass(frozen=True, slots=True)` whose `__repr__`, `__eq__` and `__hash__`
are closures over the class's field names. dataclasses compiles each method of each class from
source when its module is imported, and a cold `match` imports some forty of these classes (a
tenth of its time went to making them); these three give the same results as the compiled
ones (tested against them), and only `__init__` and the frozen `__setattr__`/`__delattr__`,
which dataclasses ties to its own flags, are still compiled.

`fast_init` gives a class an `__init__` that makes its objects in about half the time: a
screened profile makes some thirty small frozen objects, an explained one a hundred
contributions besides. A frozen dataclass's `__init__` sets each field through
`object.__setattr__`, which looks the field up by name every time; the code made here sets the
same slots through their own descriptors. The objects are equal, of the same class, and as
frozen as the class makes them (assigning a field still raises `FrozenInstanceError`).
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, TypeVar, cast, dataclass_transform

C = TypeVar("C", bound=type)

WARM_UP = 64
"""Objects a class makes with its own `__init__` before `fast_init` compiles the faster one."""


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: C) -> C:
    """`@dataclass(frozen=True, slots=True)`, its `__repr__`, `__eq__` and `__hash__` made
    without compiling source (the same results as the ones dataclasses would compile), and the
    fast `__init__` once the class has made `WARM_UP` objects, unless it writes its own."""
    own_init = "__init__" in vars(cls)
    made: Any = dataclasses.dataclass(frozen=True, slots=True, repr=False, eq=False)(cls)
    compared = _values([f.name for f in fields(made) if f.compare])
    hashed = _values([f.name for f in fields(made) if (f.compare if f.hash is None else f.hash)])

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    for method in (__eq__, __hash__):
        method.__qualname__ = f"{made.__qualname__}.{method.__name__}"
        setattr(made, method.__name__, method)
    setattr(made, "__repr__", _repr)  # noqa: B010  # a method of the class, not of mypy's view
    return cast(C, made if own_init else fast_init(made))


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the fields `names` that dataclasses' methods compare or hash."""
    if len(names) > 1:
        return cast(Callable[[Any], tuple[Any, ...]], operator.attrgetter(*names))
    return lambda item: tuple([getattr(item, name) for name in names])


def _repr(self: Any) -> str:
    """What dataclasses' own `__repr__` writes: the class and each field shown in the repr."""
    shown = ", ".join([f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr])
    return f"{type(self).__qualname__}({shown})"


def fast_init(cls: C) -> C:
    """Give a frozen slotted dataclass (`frozen` does, for its classes) the faster `__init__`:
    same parameters, defaults and default factories. A class it cannot promise the same
    object for (one with a `__post_init__`, init-less fields or without slots) is left as is."""
    if not _fits(cls):
        return cls
    original = cls.__init__  # type: ignore[misc]  # the class's own, wrapped below
    made = 0

    # Compiling the faster `__init__` costs some 0.15 ms a class: a cold `match`, which makes
    # a few objects of each, would pay it without gain. So the class's own `__init__` serves
    # the first objects, and a class made in bulk gets the faster one from then on.
    @functools.wraps(original)
    def __init__(self: object, *args: Any, **kwargs: Any) -> None:
        nonlocal made
        made += 1
        if made == WARM_UP:
            cls.__init__ = _init(cls)  # type: ignore[misc]  # replacing it is the point
        original(self, *args, **kwargs)

    cls.__init__ = __init__  # type: ignore[misc]
    return cls


def _fits(cls: type) -> bool:
    if not is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return False
    names = tuple(f.name for f in fields(cls))
    return tuple(getattr(cls, "__slots__", ())) == names and all(f.init for f in fields(cls))


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
    init.__doc__ = "Set each field's slot directly (`core.frozen.fast_init`)."
    return init


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()
