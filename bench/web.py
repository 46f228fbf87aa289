"""Benchmark the web app on loopback. Prints figures; asserts nothing.

    python bench/web.py [--seconds 8] [--connections 32] [--workers 2]

Starts `backstride serve --workers 2` on a fresh SQLite database and, in one run against that
server, drives POST /api/v1/assessments (the self-care example: validated, assessed and saved)
and GET /api/v1/health (the trivial endpoint) with keep-alive connections from client
threads (blocking sockets) in a separate process, reporting requests per second and p50/p99
latency for each. Then
it reads the result page's server time from its Server-Timing header.
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
    port: int, raw: bytes, stop_at: float, latencies: list[float], statuses: dict[int, int]
) -> None:
    """One keep-alive connection sending requests back to back (blocking socket, no Nagle)."""
    sock = socket.create_connection((HOST, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = b""
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            sock.sendall(raw)
            while b"\r\n\r\n" not in buffer:
                buffer += sock.recv(65536)
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            while len(buffer) < length:
                buffer += sock.recv(65536)
            buffer = buffer[length:]
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        sock.close()


def _client(
    port: int, raw: bytes, seconds: float, connections: int, out: multiprocessing.Queue[object]
) -> None:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    stop_at = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=_connection, args=(port, raw, stop_at, latencies, statuses))
        for _ in range(connections)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((latencies, statuses))


def drive(
    port: int, raw: bytes, seconds: float, connections: int, processes: int
) -> dict[str, float]:
    queue: multiprocessing.Queue[object] = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(
            target=_client, args=(port, raw, seconds, connections // processes, queue)
        )
        for _ in range(processes)
    ]
    for p in procs:
        p.start()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    for _ in procs:
        lat, st = queue.get()  # type: ignore[misc]
        latencies += lat
        for k, v in st.items():
            statuses[k] = statuses.get(k, 0) + v
    for p in procs:
        p.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
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
    args = parser.parse_args()

    case = (ROOT / "examples" / "self-care.json").read_bytes()
    port = free_port()
    folder = tempfile.mkdtemp(prefix="backstride-bench-")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
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
    try:
        wait_up(port)
        warm = request_bytes("POST", "/api/v1/assessments", case)
        drive(port, warm, 1.5, 8, 1)
        drive(port, request_bytes("GET", "/api/v1/health"), 1.0, 8, 1)
        trivial = drive(
            port,
            request_bytes("GET", "/api/v1/health"),
            args.seconds,
            args.connections,
            args.client_processes,
        )
        assess = drive(port, warm, args.seconds, args.connections, args.client_processes)
        saved = json.loads(
            urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/assessments").read()
        )[0]["id"]
        page_times = []
        for _ in range(50):
            with urllib.request.urlopen(f"http://{HOST}:{port}/assessments/{saved}") as response:
                timing = response.headers["Server-Timing"]
                page_times.append(float(timing.split("dur=")[1]))
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(
        f"server: backstride serve --workers {args.workers}, SQLite, {os.cpu_count()} cores "
        f"shared with the client; {args.connections} keep-alive connections, "
        f"{args.seconds:.0f} s each"
    )
    for name, r in (("GET /api/v1/health", trivial), ("POST /api/v1/assessments", assess)):
        print(
            f"{name:28} {r['rps']:8.0f} req/s   p50 {r['p50_ms']:6.2f} ms   "
            f"p99 {r['p99_ms']:6.2f} ms   statuses {r['statuses']}"
        )
    print(f"assessments / trivial throughput: {assess['rps'] / trivial['rps']:.0%}")
    print(
        f"result page server time: median {statistics.median(page_times):.1f} ms, "
        f"max {max(page_times):.1f} ms (Server-Timing, 50 renders)"
    )


if __name__ == "__main__":
    main()
