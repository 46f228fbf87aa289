"""Writers of one SQLite file take turns through a lock file instead of polling SQLite."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

from backstride.storage.db import open_database
from backstride.storage.write_turns import WriteTurns


def _hold_turn(path: str, taken: multiprocessing.synchronize.Event, release: float) -> None:
    turns = WriteTurns(path)
    with turns.turn():
        taken.set()
        time.sleep(release)
    turns.close()


def test_a_second_process_waits_until_the_first_ends_its_turn(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")
    context = multiprocessing.get_context("spawn")
    taken = context.Event()
    other = context.Process(target=_hold_turn, args=(path, taken, 0.4))
    other.start()
    try:
        assert taken.wait(30)
        turns = WriteTurns(path)
        began = time.monotonic()
        with turns.turn():
            waited = time.monotonic() - began
        turns.close()
    finally:
        other.join(30)
    assert waited > 0.2  # it could not write while the other process held the turn


def test_threads_of_one_process_take_turns_too(tmp_path: Path) -> None:
    turns = WriteTurns(str(tmp_path / "threads.db"))
    inside = 0
    most_inside = 0
    counter = threading.Lock()

    def write() -> None:
        nonlocal inside, most_inside
        with turns.turn():
            with counter:
                inside += 1
                most_inside = max(most_inside, inside)
            time.sleep(0.01)
            with counter:
                inside -= 1

    threads = [threading.Thread(target=write) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    turns.close()
    assert most_inside == 1


def test_only_a_served_sqlite_file_takes_turns(tmp_path: Path) -> None:
    served = open_database(f"sqlite:///{tmp_path / 'served.db'}")
    try:
        assert served.write_turns == []
        served.prepare_for_serving()
        assert len(served.write_turns) == 1
        with served.write_turn():
            assert (tmp_path / "served.db-writers.lock").exists()
    finally:
        served.close()
    assert served.write_turns == []
    memory = open_database("sqlite://")
    memory.prepare_for_serving()
    with memory.write_turn():  # nothing to wait for
        assert memory.write_turns == []
    memory.close()
