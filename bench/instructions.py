"""Count the CPU instructions of one assessment, here and at another commit. Prints figures;
asserts nothing.

    python bench/instructions.py [--against REF] [--cases N]

On a shared machine an engine's time per case swings by a third from one hour to the next,
which hides a change of a few per cent. The number of instructions does not: valgrind's
cachegrind counts them (the same run gives the same count to within about 0.1%). Each tree
runs the engine over N public and held-out vignettes, and again over none; the difference,
divided by N, is the engine's instructions per assessment. REF (default HEAD) is checked out
in a temporary git worktree. Needs valgrind (Debian's `valgrind` package).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

# Run under valgrind, in the tree given: the engine over the vignettes in the case file,
# after a warm-up (the knowledge base and the compiled rules are built before counting).
RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1] + "/src")
import backstride
assert backstride.__file__.startswith(sys.argv[1]), backstride.__file__
from backstride.contract.case import Case
from backstride.engine.assess import assess
cases = [Case.model_validate(c) for c in json.load(open(sys.argv[2]))]
for case in cases[:50]:
    assess(case)
for case in cases[50 : 50 + int(sys.argv[3])]:
    assess(case)
"""


def instructions(tree: Path, case_file: Path, runner: Path, count: int) -> int:
    """Instructions of a whole run of the runner over `count` cases (after the warm-up)."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            str(runner),
            str(tree),
            str(case_file),
            str(count),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_assessment(tree: Path, case_file: Path, runner: Path, count: int) -> float:
    return (
        instructions(tree, case_file, runner, count) - instructions(tree, case_file, runner, 0)
    ) / count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", default="HEAD", help="The commit to compare with.")
    parser.add_argument("--cases", type=int, default=400)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind); nothing measured")
        return
    from assess import vignette_cases  # bench/assess.py, beside this file

    with tempfile.TemporaryDirectory(prefix="backstride-instructions-") as folder:
        work = Path(folder)
        case_file = work / "cases.json"
        cases = vignette_cases()[: 50 + args.cases]
        case_file.write_text(json.dumps(cases))
        runner = work / "runner.py"
        runner.write_text(RUNNER)
        reference = work / "reference"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(reference), args.against],
            check=True,
            capture_output=True,
        )
        try:
            ours = per_assessment(ROOT, case_file, runner, args.cases)
            theirs = per_assessment(reference, case_file, runner, args.cases)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(reference)],
                check=True,
                capture_output=True,
            )
    print(f"instructions per assessment over {args.cases} vignettes (cachegrind):")
    print(f"  this tree                  {ours / 1e6:6.3f} M")
    print(f"  {args.against:26} {theirs / 1e6:6.3f} M")
    print(f"  change                     {(ours - theirs) / theirs:+.1%}")


if __name__ == "__main__":
    main()
