"""Benchmark the web app on loopback. Prints figures; asserts nothing.

    python bench/web.py [--seconds 8] [--connections 32] [--workers 2] [--rate 1000] [--runs 3]

Starts `backstride serve --workers 2` on a fresh SQLite database and, in one run against that
server, drives POST /api/v1/assessments (the self-care example: validated, assessed and saved)
and GET /api/v1/health (the trivial endpoint) with keep-alive connections from client
threads (blocking sockets) in a separate process, reporting requests per second, p50/p99
latency and the server's CPU time per request for each. Back-to-back requests find the
highest throughput (their latency is mostly queueing behind the other connections); a second
assessment run sends requests at a fixed rate (--rate, default the 1,000/s target) and measures
latency from each request's planned start; it is repeated (--runs) and the median run shown,
with every run's p99. Beside each p99 is the app's own (its Server-Timing header), which
leaves out queueing in the socket and the client. As a reference it times the domain work alone
(parse, assess, serialise) in this process. Then it reads the result page's server time from
its Server-Timing header.
Targets (issue 4): >= 1,000 assessments/s, >= 70% of the trivial endpoint's throughput, p99
under 25 ms, result page under 50 ms server time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def request_bytes(method: str, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def _connection(
    port: int,
    raw: bytes,
    stop_at: float,
    schedule: tuple[float, float] | None,
    latencies: list[float],
    server_times: list[float],
    statuses: dict[int, int],
) -> None:
    """One keep-alive connection (blocking socket, no Nagle). `schedule` None: requests back
    to back (closed loop). Otherwise (first send time, interval): each request goes out at
    its planned time, and its latency counts from that time, so a slow answer that delays
    the next send is charged to the server (no "coordinated omission")."""
    sock = socket.create_connection((HOST, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = b""
    planned = schedule[0] if schedule else 0.0
    try:
        while time.perf_counter() < stop_at:
            if schedule is None:
                started = time.perf_counter()
            else:
                started = planned
                planned += schedule[1]
                wait = started - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            sock.sendall(raw)
            while b"\r\n\r\n" not in buffer:
                buffer += sock.recv(65536)
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                name = line[:15].lower()
                if name == b"content-length:":
                    length = int(line[15:])
                elif name == b"server-timing: ":  # "app;dur=<ms>", from SafetyNet
                    server_times.append(float(line.split(b"dur=")[1]) / 1000)
            while len(buffer) < length:
                buffer += sock.recv(65536)
            buffer = buffer[length:]
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        sock.close()


def _client(
    port: int,
    raw: bytes,
    seconds: float,
    connections: int,
    rate: float | None,
    out: multiprocessing.Queue[object],
) -> None:
    latencies: list[float] = []
    server_times: list[float] = []
    statuses: dict[int, int] = {}
    begin = time.perf_counter() + 0.05
    stop_at = begin + seconds
    interval = connections / rate if rate else 0.0
    threads = [
        threading.Thread(
            target=_connection,
            args=(
                port,
                raw,
                stop_at,
                (begin + i * interval / connections, interval) if rate else None,
                latencies,
                server_times,
                statuses,
            ),
        )
        for i in range(connections)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((latencies, server_times, statuses))


def server_cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time used so far by a process and all its descendants (the uvicorn workers), as
    (all threads, the processes' main threads). A worker's main thread runs its event loop
    (HTTP, parsing, the engine); its other threads write saved assessments and checkpoint."""
    total = main = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                stat = Path(f"/proc/{current}/task/{task}/stat").read_text()
                fields = stat.rsplit(")", 1)[1].split()
                used = (int(fields[11]) + int(fields[12])) / tick
                total += used
                if task == str(current):
                    main += used
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
                pending += [int(c) for c in children.split()]
        except FileNotFoundError:  # a thread or process that just ended
            continue
    return total, main


def drive(
    port: int,
    raw: bytes,
    seconds: float,
    connections: int,
    processes: int = 1,
    rate: float | None = None,
    server_pid: int | None = None,
) -> dict[str, float]:
    """Load the server for `seconds`: back to back, or at a fixed total `rate` per second
    (open loop). With `server_pid`, also the server's CPU time per request."""
    queue: multiprocessing.Queue[object] = multiprocessing.Queue()
    share = rate / processes if rate else None
    procs = [
        multiprocessing.Process(
            target=_client, args=(port, raw, seconds, connections // processes, share, queue)
        )
        for _ in range(processes)
    ]
    cpu_before = server_cpu_seconds(server_pid) if server_pid else (0.0, 0.0)
    for p in procs:
        p.start()
    latencies: list[float] = []
    server_times: list[float] = []
    statuses: dict[int, int] = {}
    for _ in procs:
        lat, server, st = cast(tuple[list[float], list[float], dict[int, int]], queue.get())
        latencies += lat
        server_times += server
        for k, v in st.items():
            statuses[k] = statuses.get(k, 0) + v
    for p in procs:
        p.join()
    cpu_after = server_cpu_seconds(server_pid) if server_pid else (0.0, 0.0)
    cpu_used = cpu_after[0] - cpu_before[0]
    main_used = cpu_after[1] - cpu_before[1]
    latencies.sort()
    server_times.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        # The app's own time (Server-Timing), without queueing in the socket or the client.
        "server_p99_ms": server_times[int(len(server_times) * 0.99) - 1] * 1000,
        "server_cpu_us": cpu_used / max(len(latencies), 1) * 1e6,
        "event_loop_cpu_us": main_used / max(len(latencies), 1) * 1e6,
        "statuses": statuses,  # type: ignore[dict-item]
    }


def wait_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/health", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client-processes", type=int, default=1)
    parser.add_argument(
        "--rate", type=float, default=1000.0, help="Assessments per second for the open-loop run."
    )
    parser.add_argument("--runs", type=int, default=3, help="How many fixed-rate runs.")
    args = parser.parse_args()

    case = (ROOT / "examples" / "self-care.json").read_bytes()
    port = free_port()
    folder = tempfile.mkdtemp(prefix="backstride-bench-")
    # The server imports this tree's code even where the venv's editable install points at
    # another checkout (a worktree of an older commit, benchmarked for comparison).
    paths = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.pathsep.join(paths)}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "backstride"),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--database",
            f"sqlite:///{folder}/bench.db",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    health = request_bytes("GET", "/api/v1/health")
    create = request_bytes("POST", "/api/v1/assessments", case)
    pid = server.pid
    try:
        wait_up(port)
        drive(port, create, 1.5, 8)  # warm up both paths
        drive(port, health, 1.0, 8)
        load = (args.seconds, args.connections, args.client_processes)
        trivial = drive(port, health, *load, server_pid=pid)
        assess = drive(port, create, *load, server_pid=pid)
        # On a shared machine one run's p99 swings with the neighbours' load: several runs
        # show the spread, and the row shows their median run.
        steadies = [
            drive(port, create, *load, rate=args.rate, server_pid=pid) for _ in range(args.runs)
        ]
        steady = sorted(steadies, key=lambda r: r["p99_ms"])[len(steadies) // 2]
        saved = json.loads(
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/assessments?limit=1").read()
        )[0]["id"]
        page_times = []
        for _ in range(50):
            with urllib.request.urlopen(f"http://{HOST}:{port}/assessments/{saved}") as response:
                timing = response.headers["Server-Timing"]
                page_times.append(float(timing.split("dur=")[1]))
    finally:
        server.terminate()
        server.wait(timeout=20)
    engine_us = engine_cost_us(case)
    print(
        f"server: backstride serve --workers {args.workers}, SQLite, {os.cpu_count()} cores "
        f"shared with the client; {args.connections} keep-alive connections, "
        f"{args.seconds:.0f} s each"
    )
    rows = (
        ("GET /api/v1/health", trivial),
        ("POST /api/v1/assessments", assess),
        (f"  same, at a fixed {args.rate:,.0f}/s", steady),
    )
    for name, r in rows:
        print(
            f"{name:34} {r['rps']:7.0f} req/s   p50 {r['p50_ms']:6.2f} ms   "
            f"p99 {r['p99_ms']:6.2f} ms (in the app {r['server_p99_ms']:5.2f})   "
            f"server CPU {r['server_cpu_us']:5.0f} us/req   "
            f"statuses {r['statuses']}"
        )
    spread = " / ".join(f"{r['p99_ms']:.1f} ({r['server_p99_ms']:.1f})" for r in steadies)
    print(f"  p99 of each fixed-rate run (in the app): {spread} ms; the row shows the median run")
    for name, r in (("back to back", assess), ("at the fixed rate", steady)):
        loops = r["event_loop_cpu_us"]
        print(
            f"  server CPU per assessment {name}: event loops {loops:.0f} us (HTTP, parsing, "
            f"the engine, serialising), other threads {r['server_cpu_us'] - loops:.0f} us "
            f"(the assessment writer, WAL checkpoints)"
        )
    print(f"assessments / trivial throughput: {assess['rps'] / trivial['rps']:.0%}")
    print(
        f"reference: parsing, assessing and serialising the case alone takes {engine_us:.0f} us "
        f"in one process; the whole trivial request costs the server "
        f"{trivial['server_cpu_us']:.0f} us"
    )
    print(
        f"result page server time: median {statistics.median(page_times):.1f} ms, "
        f"max {max(page_times):.1f} ms (Server-Timing, 50 renders)"
    )


def engine_cost_us(case: bytes, rounds: int = 2000) -> float:
    """The median per-case time of the domain work alone (no HTTP, no database)."""
    from backstride.contract.validate import parse_case_json
    from backstride.engine.assess import assess

    text = case.decode()
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        parsed = parse_case_json(text, "case")
        parsed.model_dump_json(exclude_none=True)
        assess(parsed).model_dump_json()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1e6


if __name__ == "__main__":
    main()
