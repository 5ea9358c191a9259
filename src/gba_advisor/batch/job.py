"""Advising many profiles: a pure function from a partition of records to output lines.

`advise_partition(records, job)` parses, validates, advises and serialises each record, and
turns each record's `AdvisorError` into an error line instead of stopping. It depends on
nothing but its arguments, so any engine can run it on any partition: in this process, in a
process pool, or on a Dask cluster (see `engines`); concatenating the partitions' lines
in order gives the same output whichever engine ran them.

`advise_many` is the same loop for Python callers: profiles in, results (or errors) out.
Both run the one pipeline, `Advisor.run`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from gba_advisor.batch.csv_input import row_data
from gba_advisor.batch.explained import Sent, Texts
from gba_advisor.batch.output import (
    LineDetail,
    LineFormat,
    error_line,
    error_row,
    result_line,
    result_row,
)
from gba_advisor.batch.records import Record, RecordKind
from gba_advisor.core.api import AdviceOptions, Advisor, check_exclude
from gba_advisor.core.errors import AdvisorError, ExitCode, InputError, Location
from gba_advisor.core.frozen import frozen
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base
from gba_advisor.core.kept import KeptBy
from gba_advisor.core.profile.loader import (
    ResolvedProfile,
    load_profile,
    parse_profile,
    resolve_profile,
)
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.source.document import MAX_INT_DIGITS, Document, parse_document

T = TypeVar("T")


@frozen
class BatchJob:
    """Everything every record of a run is advised with; sent once to each worker."""

    knowledge_base: KnowledgeBase
    as_of: dt.date
    max_sites: int | None = None
    exclude: tuple[str, ...] = ()
    detail: LineDetail = LineDetail.COMPACT
    """How much of each result a JSON line holds (compact, explained by reference, or full)."""
    output: LineFormat = LineFormat.JSONL

    def __post_init__(self) -> None:
        # One unknown --exclude would fail every record the same way: refuse the run instead.
        check_exclude(self.knowledge_base, self.exclude)

    @property
    def options(self) -> AdviceOptions:
        """What each record is advised with, as the pipeline takes it."""
        return AdviceOptions(
            as_of=self.as_of,
            max_sites=self.max_sites,
            exclude=self.exclude,
            compact=self.output is LineFormat.CSV or self.detail is LineDetail.COMPACT,
            # An explained line writes the ranking's scores bare and no runners-up
            # (`explained_dict`).
            extras_explained=self.detail is not LineDetail.EXPLAIN,
        )


@frozen
class BatchLine:
    """One record's output line (JSON or CSV, newline included) and how it went."""

    record: str
    text: str
    status: ExitCode
    texts: Texts | None = None
    """With `--explain`: the texts the line refers to; the writer emits those not yet out."""


def advise_partition(records: Sequence[Record], job: BatchJob) -> list[BatchLine]:
    """The lines for a partition of records, in the records' order.

    An explained line comes with the texts it refers to unless an earlier line of the
    partition brought them: the lines are written in order, so each text still arrives before
    its first use, whichever engine ran the partition.
    """
    advisor = advisor_for(job)
    options = job.options
    sent: Sent = {}
    return [_line(record, advisor, options, job, sent) for record in records]


def advisor_for(job: BatchJob) -> Advisor:
    """The job's advisor, made once per job and process: its basis, compiled tables and memos
    then serve every partition the process advises, not just one."""
    return _ADVISORS.get(job, lambda job: Advisor(job.knowledge_base, job.as_of))


_ADVISORS: KeptBy[BatchJob, Advisor] = KeptBy(1)
"""One run at a time: an older job's advisor is not needed again."""


def _line(
    record: Record, advisor: Advisor, options: AdviceOptions, job: BatchJob, sent: Sent
) -> BatchLine:
    csv_out = job.output is LineFormat.CSV
    try:
        result = advise_record(record, advisor, options)
    except AdvisorError as error:
        where = error.location
        if where is None or (where.file == record.file and where.line is None):
            # "No layout fits" knows the field at most: the record is where the problem is.
            line = None if record.kind is RecordKind.YAML else record.line
            error.location = Location(record.file, line, field=where.field if where else None)
        if csv_out:
            text = error_row(record.id, error)
        else:
            text = error_line(record.id, error, line=record.number)
        return BatchLine(record.id, text, ExitCode(error.exit_code))
    if csv_out:
        return BatchLine(record.id, result_row(record.id, result), ExitCode.OK)
    text, texts = result_line(result, detail=job.detail, line=record.number, sent=sent)
    return BatchLine(record.id, text, ExitCode.OK, texts)


def advise_record(record: Record, advisor: Advisor, options: AdviceOptions) -> AdvisorResult:
    """Parse, validate, resolve and advise one record; raises its `AdvisorError`."""
    if record.error is not None:
        raise record.error
    document = record_document(record)
    profile = resolve_profile(parse_profile(document), document, advisor.knowledge_base)
    return advisor.run(profile, options).result


def record_document(record: Record) -> Document:
    """The record's data with positions: real ones for a YAML file, the record's line else."""
    if record.kind is RecordKind.YAML:
        return parse_document(str(record.payload), record.file)
    row = record.kind is RecordKind.ROW
    data = row_data(record) if row else _json(str(record.payload), record)
    return Document(record.file, data, {(): (record.line, 1)})


def _json(text: str, record: Record) -> Any:
    try:
        if text.startswith("\ufeff"):
            # json.loads refuses it so; the decoder it hands the rest to does not look.
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON: {exc.msg}",
            location=Location(record.file, record.line, exc.colno),
            hint="each line holds one profile as a JSON object",
        ) from None
    except _RepeatedKeyError as exc:
        raise InputError(
            f"key `{exc.key}` is written twice", location=Location(record.file, record.line, 1)
        ) from None
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits (a JSONDecodeError, the
        # other ValueError, is handled above): one hostile record, not a bug.
        raise InputError(
            f"an integer is too large: no number here has more than {MAX_INT_DIGITS:,} digits",
            location=Location(record.file, record.line, 1),
            hint="check this record; numbers in profiles are small",
        ) from None
    except RecursionError:
        raise InputError(
            "the JSON is nested too deeply", location=Location(record.file, record.line, 1)
        ) from None


class _RepeatedKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON would keep the last of two equal keys silently; YAML profiles refuse them too."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKeyError(key)
            seen.add(key)
    return data


_DECODER = json.JSONDecoder(object_pairs_hook=_no_repeated_keys)
"""What `json.loads(text, object_pairs_hook=...)` builds on every call (half its time on a
profile's line) and then decodes with: made once, the same decoding."""


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last one shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def advise_many(
    profiles: Iterable[Mapping[str, Any] | Path],
    *,
    knowledge_base: KnowledgeBase | None = None,
    data_dir: Path | None = None,
    as_of: dt.date | None = None,
    max_sites: int | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[AdvisorResult | AdvisorError]:
    """Advise each profile in turn, yielding its result, or its error instead of raising it.

    A profile is a mapping as parsed from JSON or YAML (errors name it `profiles[INDEX]`), or
    the path of a profile file. The knowledge base is loaded once (the shipped one, or
    `data_dir`), unless one is given. Results are those the pipeline (`Advisor.run`) returns, so
    `result.to_dict()` is exactly what `gba-advisor match --format json` prints.
    """
    kb = knowledge_base or load_knowledge_base(data_dir)
    advisor = Advisor(kb, as_of)
    options = AdviceOptions(max_sites=max_sites, exclude=tuple(exclude))
    for index, profile in enumerate(profiles):
        try:
            resolved = _resolved(profile, index, kb)
            yield advisor.run(resolved, options).result
        except AdvisorError as error:
            yield error


def _resolved(profile: Mapping[str, Any] | Path, index: int, kb: KnowledgeBase) -> ResolvedProfile:
    if isinstance(profile, Path):
        return load_profile(profile, kb)
    data = dict(profile) if isinstance(profile, Mapping) else profile
    document = Document(f"profiles[{index}]", data, {})
    return resolve_profile(parse_profile(document), document, kb)
