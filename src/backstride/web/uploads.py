"""Uploaded activity files and export archives: written to a private temporary folder and handed
to the import pipeline, which reports every file it could not read and imports the rest."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import UploadFile
from fastapi.concurrency import run_in_threadpool

from backstride.errors import UserError
from backstride.importers.pipeline import import_paths
from backstride.storage.db import Database

MAX_FILES = 500
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str | None, index: int) -> str:
    """A plain file name (no folders), keeping the suffixes the importer reads."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).lstrip(".") or f"upload-{index}"
    return base[-120:]


async def import_uploads(
    db: Database, athlete_name: str, files: Sequence[UploadFile]
) -> dict[str, Any]:
    """Import the uploaded files for one athlete; one transaction per file (the pipeline's)."""
    real = [f for f in files if f.filename]
    if not real:
        raise UserError("files: nothing was uploaded; expected one or more activity files")
    if len(real) > MAX_FILES:
        raise UserError(f"files: {len(real)} files is not allowed; expected at most {MAX_FILES}")
    folder = Path(tempfile.mkdtemp(prefix="backstride-upload-"))
    try:
        used: set[str] = set()
        for index, upload in enumerate(real):
            name = safe_name(upload.filename, index)
            if name in used:
                name = f"{index}-{name}"
            used.add(name)
            with (folder / name).open("wb") as out:
                while chunk := await upload.read(1 << 20):
                    out.write(chunk)
        report = await run_in_threadpool(
            import_paths, db, [folder], athlete_name=athlete_name, workers=1
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    prefix = str(folder) + "/"
    return {
        "files": report.files,
        "imported": report.imported,
        "activities": report.activities,
        "already_imported": report.already_imported,
        "duplicate_activities": report.duplicate_activities,
        "replaced_summaries": report.replaced_index_lines,
        "skipped": [line.replace(prefix, "") for line in report.refused],
    }
