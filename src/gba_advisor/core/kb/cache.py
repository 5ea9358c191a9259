"""A cache of the compiled knowledge base, so that a command starts without re-reading YAML.

Loading the shipped data (composing YAML with positions, validating, cross-checking) costs
about 35 ms, a sixth of a cold `gba-advisor match`. The compiled `KnowledgeBase` is pickled
into the user's cache folder under a key made of the data files' bytes, the folder, the code
that defines the compiled objects and the interpreter; any change to one of them is a miss.

The cache is an optimisation and nothing more: every failure to read or write it (a missing
folder, a file from another version, a full disk) falls back to loading the data as usual.
A cache file is loaded only if the current user owns it and no one else can write to it.
`GBA_ADVISOR_CACHE` names another folder, or turns the cache off with `off`.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from gba_advisor.core.kb.folder import FILES, resolve_data_dir
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.source.text_file import MAX_FILE_BYTES

CACHE_ENV = "GBA_ADVISOR_CACHE"
CACHE_FORMAT = 2
KEEP_ENTRIES = 8
"""Entries kept (newest first): one per knowledge base a user switches between."""
_OFF = frozenset({"", "0", "off", "no", "false", "none"})
_CORE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path | None:
    """The folder holding cached knowledge bases, or None when caching is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    return base / "gba-advisor" / "kb"


def load_knowledge_base_cached(data_dir: Path | None = None) -> KnowledgeBase:
    """`load_knowledge_base`, served from the cache when the same data was compiled before.

    Errors in the data are raised exactly as by `load_knowledge_base` (a knowledge base with
    errors is never cached), so callers can switch between the two freely.
    """
    folder = resolve_data_dir(data_dir)
    where = cache_dir()
    key = _key(folder) if where is not None else None
    if where is None or key is None:
        return _load(folder)
    entry = where / f"{key}.pickle"
    cached = _read(entry, folder)
    if cached is not None:
        return cached
    knowledge_base = _load(folder)
    # Stored with it: the sector credits of every platform, which scoring would otherwise
    # compute on every warm start (some 6 ms of issue 11's budget).
    for platform in knowledge_base.platforms:
        knowledge_base.sectors.credits(
            platform.priority_industries, knowledge_base.rules.sector_match
        )
    _write(entry, knowledge_base)
    return knowledge_base


def _key(folder: Path) -> str | None:
    """What the compiled object depends on; None when a data file cannot be read."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{sys.version}|{folder.resolve()}".encode())
    try:
        for name in FILES:
            digest.update(name.encode())
            digest.update(_data_bytes(folder / name))
        # The code that shapes the pickled objects: an edited module must not meet old pickles.
        # os.walk rather than Path.rglob: the same files, a millisecond sooner on every start.
        for root, folders, files in os.walk(_CORE):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    info = os.stat(os.path.join(root, name))
                    digest.update(f"{name}|{info.st_size}|{info.st_mtime_ns}".encode())
    except OSError:
        return None
    return digest.hexdigest()


def _data_bytes(path: Path) -> bytes:
    """A data file's bytes, hashed as they are (decoding them first cost a millisecond).

    Bounded like every other read: a data file that is a device (/dev/zero), a FIFO or huge
    raises OSError here, so that the normal load fails it with a message instead of the key
    computation hanging.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            raise OSError(f"{path}: not a regular file of at most {MAX_FILE_BYTES} bytes")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(handle)
    if len(raw) > MAX_FILE_BYTES:
        raise OSError(f"{path}: more than {MAX_FILE_BYTES} bytes")
    return raw


def _read(entry: Path, folder: Path) -> KnowledgeBase | None:
    try:
        with entry.open("rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                return None
            loaded = _unpickle(handle)
    except FileNotFoundError:
        return None
    # A stale or damaged cache can fail in many ways (unpickling, imports, attributes); all of
    # them mean "load the data", never "fail the command".
    except Exception:
        return None
    if not isinstance(loaded, KnowledgeBase) or loaded.data_dir != folder:
        return None
    return loaded


def _unpickle(handle: BinaryIO) -> object:
    """`pickle.load` by the C unpickler alone, where there is one: importing `pickle`, the
    pure-Python machinery around it, cost every warm start about a millisecond (issue 11)."""
    try:
        from _pickle import load
    except ImportError:  # an interpreter without the C accelerator
        from pickle import load
    return load(handle)


def _trusted(info: os.stat_result) -> bool:
    """Pickles run code when loaded: only trust a file of ours that nobody else can write."""
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _write(entry: Path, knowledge_base: KnowledgeBase) -> None:
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            import pickle

            with os.fdopen(handle, "wb") as out:
                pickle.dump(knowledge_base, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        finally:
            Path(temporary).unlink(missing_ok=True)
        _prune(entry.parent)
    # Same reasoning as in `_read`: a cache that cannot be written is simply not written.
    except Exception:
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        old.unlink(missing_ok=True)


def _load(folder: Path) -> KnowledgeBase:
    """A cold load: the checks and the models come only with it."""
    from gba_advisor.core.kb.loader import load_knowledge_base

    return load_knowledge_base(folder)
