"""Import throughput: backstride end to end against plain fitdecode and garmin-fit-sdk loops.

    .venv/bin/python bench/import.py [--data ../shared/data/activities] [--variants 45]

Two inputs, in one run:
1. the 25 real FIT files of the shared data set;
2. a generated corpus of distinct FIT files built from them in a temporary folder (never
   kept): every date_time field of a real file is shifted by a whole number of days and the
   CRCs are recomputed, so each copy is a different, valid recording of the same session.

For each: end-to-end import into a fresh SQLite database (every core), a re-import of the
same files, and plain single-process decoding loops with fitdecode and garmin-fit-sdk (on
the generated corpus they run on every Nth file by default, as they take minutes).
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import fitdecode
from garmin_fit_sdk import Decoder, Stream

from backstride.importers.fit import fit_crc
from backstride.importers.pipeline import import_paths
from backstride.storage.db import open_database

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "activities"
DAY = 86_400  # a multiple of 32 s, so compressed-timestamp headers stay consistent
INVALID_TIME = 0xFFFFFFFF
FIRST_ABSOLUTE_TIME = 0x10000000  # smaller date_time values are relative (system time)


# ------------------------------------------------------------------------- corpus making


@dataclass
class Layout:
    """Where the date_time fields and the checksums sit in one FIT file."""

    times: list[tuple[int, str]]  # (byte offset, struct endian)
    sequences: list[tuple[int, int, int]]  # (header offset, header size, crc offset)


def layout(data: bytes) -> Layout:
    times: list[tuple[int, str]] = []
    sequences: list[tuple[int, int, int]] = []
    header: tuple[int, int] | None = None
    with fitdecode.FitReader(data, keep_raw_chunks=True) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitHeader):
                header = (frame.chunk.offset, frame.header_size)
            elif isinstance(frame, fitdecode.FitCRC) and header is not None:
                sequences.append((*header, frame.chunk.offset))
            elif isinstance(frame, fitdecode.FitDataMessage):
                offset = frame.chunk.offset + 1  # after the record header byte
                for field in frame.def_mesg.field_defs:
                    kind = field.type.name if field.type is not None else ""
                    if kind in ("date_time", "local_date_time") and field.size == 4:
                        times.append((offset, frame.def_mesg.endian))
                    offset += field.size
    return Layout(times, sequences)


def shifted(data: bytes, where: Layout, seconds: int) -> bytes:
    out = bytearray(data)
    for offset, endian in where.times:
        fmt = f"{endian}I"
        (value,) = struct.unpack_from(fmt, out, offset)
        if value != INVALID_TIME and value >= FIRST_ABSOLUTE_TIME:
            struct.pack_into(fmt, out, offset, value + seconds)
    for start, size, crc_at in where.sequences:
        if size >= 14 and out[start + 12 : start + 14] != b"\0\0":
            header_crc = fit_crc(memoryview(out)[start : start + 12])
            struct.pack_into("<H", out, start + 12, header_crc)
        struct.pack_into("<H", out, crc_at, fit_crc(memoryview(out)[start:crc_at]))
    return bytes(out)


def generate(real: list[Path], folder: Path, variants: int) -> list[Path]:
    made = []
    for path in real:
        data = path.read_bytes()
        where = layout(data)
        for k in range(1, variants + 1):
            target = folder / f"{path.stem}__plus{k:03d}d.fit"
            target.write_bytes(shifted(data, where, k * DAY))
            made.append(target)
    return made


# ------------------------------------------------------------------------------ measuring


@dataclass
class Rate:
    seconds: float
    megabytes: float
    files: int

    @property
    def mb_s(self) -> float:
        return self.megabytes / self.seconds

    @property
    def files_s(self) -> float:
        return self.files / self.seconds


def size_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def timed_loop(paths: list[Path], decode: Callable[[bytes], object]) -> Rate:
    started = time.perf_counter()
    for path in paths:
        decode(path.read_bytes())
    return Rate(time.perf_counter() - started, size_mb(paths), len(paths))


def fitdecode_all(data: bytes) -> object:
    with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        return sum(1 for _ in reader)


def garmin_sdk_all(data: bytes) -> object:
    messages, _errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    return messages


@dataclass
class ImportRun:
    first: Rate
    again: Rate
    imported: int
    activities: int
    refused: list[str]


def import_twice(paths: list[Path], db_file: Path) -> ImportRun:
    db = open_database(f"sqlite:///{db_file}")  # migrating is not part of the import
    try:
        first = import_paths(db, paths)
        again = import_paths(db, paths)
    finally:
        db.close()
    if again.imported or again.activities:
        raise SystemExit("re-import added data: the deduplication is broken")
    mb = size_mb(paths)
    return ImportRun(
        Rate(first.seconds, mb, len(paths)),
        Rate(again.seconds, mb, len(paths)),
        first.imported,
        first.activities,
        first.refused,
    )


def measure(name: str, paths: list[Path], sample_every: int, work: Path) -> dict[str, object]:
    print(f"\n== {name}: {len(paths)} files, {size_mb(paths):.1f} MB", flush=True)
    run = import_twice(paths, work / f"{name}.db")
    sample = paths[::sample_every]
    fd = timed_loop(sample, fitdecode_all)
    sdk = timed_loop(sample, garmin_sdk_all)
    print(
        f"backstride import   {run.first.mb_s:7.2f} MB/s {run.first.files_s:8.1f} files/s"
        f"  ({run.imported} files, {run.activities} activities, {run.first.seconds:.2f} s)"
    )
    print(
        f"re-import           {run.again.seconds * 1000:7.1f} ms  "
        f"= {run.first.seconds / run.again.seconds:.0f}x faster than the first import"
    )
    sampled = f" (on {len(sample)} files, {size_mb(sample):.1f} MB)" if sample_every > 1 else ""
    print(f"fitdecode loop      {fd.mb_s:7.2f} MB/s {fd.files_s:8.1f} files/s{sampled}")
    print(f"garmin-fit-sdk loop {sdk.mb_s:7.2f} MB/s {sdk.files_s:8.1f} files/s{sampled}")
    print(
        f"speed-up            {run.first.mb_s / fd.mb_s:7.1f}x fitdecode, "
        f"{run.first.mb_s / sdk.mb_s:.1f}x garmin-fit-sdk"
    )
    for line in run.refused:
        print(f"  refused: {line}")
    return {
        "files": len(paths),
        "megabytes": round(size_mb(paths), 2),
        "imported_files": run.imported,
        "activities": run.activities,
        "refused": run.refused,
        "import_mb_s": round(run.first.mb_s, 2),
        "import_files_s": round(run.first.files_s, 1),
        "import_seconds": round(run.first.seconds, 3),
        "reimport_seconds": round(run.again.seconds, 4),
        "reimport_speedup": round(run.first.seconds / run.again.seconds, 1),
        "fitdecode_mb_s": round(fd.mb_s, 3),
        "garmin_sdk_mb_s": round(sdk.mb_s, 3),
        "baseline_sample_files": len(sample),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--variants", type=int, default=45, help="copies per real file")
    parser.add_argument(
        "--sample-every",
        type=int,
        default=9,
        help="baseline loops on the corpus decode every Nth file (1: all)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    real = sorted((args.data / "fit").glob("*.fit"))
    if len(real) != 25:
        print(f"expected the 25 real FIT files in {args.data / 'fit'}", file=sys.stderr)
        return 2
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="backstride-bench-") as tmp:
        work = Path(tmp)
        results["real"] = measure("real", real, 1, work)
        corpus_dir = work / "corpus"
        corpus_dir.mkdir()
        started = time.perf_counter()
        corpus = generate(real, corpus_dir, args.variants)
        print(
            f"\n(generated {len(corpus)} files, {size_mb(corpus):.1f} MB "
            f"in {time.perf_counter() - started:.1f} s)"
        )
        results["generated"] = measure("generated", corpus, args.sample_every, work)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
