"""Benchmark the assessment engine. Prints figures; asserts nothing.

    python bench/assess.py [--cases N] [--batch N]

1. In-process: median microseconds per `assess(case)` over a mix of vignettes and generated
   cases, and assessments per second on one core; against a trivial baseline that only
   validates the case and serialises a result-sized JSON document.
2. `backstride assess --case FILE --format json` wall time against `python -c pass`.
3. Wall time of a 10,000-case `backstride assess --batch`, with one worker process per core
   (the default) and with `--jobs 1`, against a plain Python loop that reads and echoes the
   same JSON Lines.
Targets (issue 2): <= 200 us median, <= 400 ms for `assess --case`, <= 5 s for the batch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from backstride.contract.case import Case  # noqa: E402
from backstride.engine.assess import assess, default_engine  # noqa: E402


def vignette_cases() -> list[dict[str, object]]:
    import yaml

    cases: list[dict[str, object]] = []
    shared = ROOT.parent / "shared" / "vignettes" / "public.json"
    if shared.exists():
        cases += [v["case"] for v in json.loads(shared.read_text())]
    for path in sorted((ROOT / "tests" / "vignettes").glob("*.yaml")):
        cases += [v["case"] for v in yaml.safe_load(path.read_text())]
    return cases


def generated_cases(n: int, seed: int = 7) -> list[dict[str, object]]:
    """Random valid cases built from the contract's field catalogue (deterministic)."""
    from tests.engine.cases import nest

    from backstride.contract.fields import case_fields

    rng = random.Random(seed)
    specs = case_fields()
    names = sorted(specs)
    out = []
    for _ in range(n):
        flat: dict[str, object] = {}
        for name in rng.sample(names, rng.randint(4, 30)):
            spec = specs[name]
            if spec.kind == "bool":
                flat[name] = rng.random() < 0.3
            elif spec.kind in ("number", "integer"):
                lo, hi = spec.minimum or 0, min(spec.maximum or 100, 200)
                value = rng.uniform(lo, hi)
                flat[name] = int(value) if spec.kind == "integer" else round(value, 1)
            elif spec.kind == "choice":
                flat[name] = rng.choice(spec.choices)
            elif name == "pain.regions":
                picks = rng.sample([c for c in spec.choices if ":" in c], rng.randint(1, 3))
                flat[name] = [
                    dict(zip(("region", "side"), p.split(":"), strict=True)) for p in picks
                ]
            else:
                flat[name] = rng.sample(list(spec.choices), rng.randint(1, 3))
        out.append(nest(flat))
    return out


def time_per_call(fn: Callable[[Any], object], items: list[Any], rounds: int = 3) -> list[float]:
    samples = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter_ns()
            fn(item)
            samples.append((time.perf_counter_ns() - start) / 1000.0)
    return samples


def in_process(cases: list[dict[str, object]], vignettes: int) -> None:
    default_engine()  # load the knowledge base once, outside the timing
    parsed = [Case.model_validate(c) for c in cases]
    engine_us = time_per_call(assess, parsed)
    real_us = time_per_call(assess, parsed[:vignettes], rounds=5)
    dense_us = time_per_call(assess, parsed[vignettes:])
    full_us = time_per_call(lambda c: assess(Case.model_validate(c)).model_dump_json(), cases)
    sample = assess(parsed[0]).model_dump_json()
    baseline_us = time_per_call(
        lambda c: (Case.model_validate(c), json.loads(sample), json.dumps(c)), cases
    )
    med, full, base = (statistics.median(x) for x in (engine_us, full_us, baseline_us))
    print(f"in-process: {len(cases)} cases x 3 rounds")
    print(
        f"  assess(case)                         median {med:8.1f} us   "
        f"p99 {statistics.quantiles(engine_us, n=100)[98]:8.1f} us   {1e6 / med:8.0f} per s"
    )
    print(
        f"    of which clinical vignettes        median {statistics.median(real_us):8.1f} us"
        f"   ({vignettes} cases)"
    )
    print(
        f"    of which generated (4-30 fields)   median {statistics.median(dense_us):8.1f} us"
        f"   ({len(cases) - vignettes} cases)"
    )
    print(f"  validate + assess + JSON             median {full:8.1f} us   {1e6 / full:8.0f} per s")
    print(
        f"  baseline: validate + JSON only       median {base:8.1f} us   (engine adds "
        f"{full - base:.1f} us)"
    )


def wall(cmd: list[str], stdin_path: str | None = None, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with open(stdin_path or "/dev/null") as stdin:
            subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command_line(case: dict[str, object], batch_n: int) -> None:
    exe = str(Path(sys.executable).parent / "backstride")
    with tempfile.TemporaryDirectory() as tmp:
        case_path = Path(tmp) / "case.json"
        case_path.write_text(json.dumps(case))
        subprocess.run(
            [exe, "assess", "--case", str(case_path), "-f", "json"],
            stdout=subprocess.DEVNULL,
            check=True,
        )  # warm the knowledge-base cache
        cli = wall([exe, "assess", "--case", str(case_path), "-f", "json"])
        bare = wall([sys.executable, "-c", "pass"])
        print("command line (median of 7):")
        print(f"  backstride assess --case              {cli * 1000:8.0f} ms")
        print(f"  python -c pass                        {bare * 1000:8.0f} ms")
        batch = Path(tmp) / "batch.jsonl"
        cases = generated_cases(batch_n, seed=11)
        batch.write_text("".join(json.dumps(c) + "\n" for c in cases))
        runs = {}
        for jobs in (os.cpu_count() or 1, 1):
            start = time.perf_counter()
            subprocess.run(
                [exe, "assess", "--batch", str(batch), "--jobs", str(jobs)],
                stdout=subprocess.DEVNULL,
                check=True,
            )
            runs[jobs] = time.perf_counter() - start
        echo = (
            "import json,sys\nfor l in open(sys.argv[1]):\n"
            "    sys.stdout.write(json.dumps(json.loads(l))+'\\n')"
        )
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", echo, str(batch)], stdout=subprocess.DEVNULL, check=True
        )
        echo_s = time.perf_counter() - start
        for jobs, seconds in runs.items():
            label = f"assess --batch of {batch_n} cases, --jobs {jobs}"
            print(f"  {label:37} {seconds:8.2f} s ({batch_n / seconds:.0f} cases/s)")
        print(f"  baseline: read+echo the same JSONL    {echo_s:8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500, help="generated cases in-process")
    parser.add_argument("--batch", type=int, default=10_000, help="cases in the batch run")
    args = parser.parse_args()
    vignettes = vignette_cases()
    cases = vignettes + generated_cases(args.cases)
    in_process(cases, len(vignettes))
    command_line(cases[0], args.batch)


if __name__ == "__main__":
    main()
