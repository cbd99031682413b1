#!/usr/bin/env python3
"""The benchmark of `ownlint server`: a raw JSON-RPC client over stdio (Content-Length frames,
read in a thread of their own) that opens a generated corpus as the workspace folder, as an
editor would, and measures

  open       from starting the server to the last publishDiagnostics of the files `ownlint
             check --format json` reports findings for, against the wall time of that check in
             the same folder; runs interleaved (check, server, server, check, ...) so that the
             machine's drift falls on both alike
  keystroke  one document open, N didChange notifications sent one at a time, each waiting
             for the publishDiagnostics of that document with the new version (and, for an
             edit that changes another file's findings, for that file's too); by edit kind:
               owner   a domain's owner replaced by the placeholder `TBD`, then restored
                       (a finding appears and goes, in the open document)
               rename  one letter of a domain's heading deleted, then typed back: a shared
                       ownership declaration in another file names that domain (a finding
                       appears and goes in the other file)
               typing  one character typed or deleted in the document's description line
                       (no finding changes)
             and by whether the renamed heading is in at the time: while it is, a declaration
             names an unknown domain, and every lint looks for the closest defined name
  memory     the server's peak resident set (VmHWM) after the edits, before `shutdown`

Prints Markdown tables: medians with the range (min-max) of the runs, as bench/run.sh does.

    bench/lsp.py [--edits N] [--runs R] [--seed S] OWNLINT CORPUS[=EDITS]...

A corpus may name its own number of edits (`=0`: open time and memory only). Edits are drawn
from a seeded generator: the same arguments send the same edits. Python 3 standard library
only.
"""

import argparse
import json
import os
import pathlib
import platform
import queue
import random
import re
import statistics
import subprocess
import tempfile
import threading
import time

# Long enough for the 100k-domain corpus on a slow machine, short enough to notice a server
# that never publishes.
WAIT_SECONDS = 120.0


class Server:
    """`ownlint server` on pipes: frames written as sent, frames read by a thread that stamps
    each message with its arrival time."""

    def __init__(self, ownlint):
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [ownlint, "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.arrived = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.arrived.put((time.perf_counter(), None))
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            self.arrived.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        """Write one message; the time just before it was written."""
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        frame = b"Content-Length: %d\r\n\r\n" % len(body) + body
        sent = time.perf_counter()
        self.process.stdin.write(frame)
        self.process.stdin.flush()
        return sent

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        return self.send({"method": method, "params": params})

    def receive(self):
        """The next message and its arrival time; fails when the server stops or stalls."""
        try:
            at, message = self.arrived.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            raise SystemExit(f"lsp bench: no message from the server in {WAIT_SECONDS:.0f} s")
        if message is None:
            raise SystemExit("lsp bench: the server closed its output")
        return at, message

    def answer_of(self, request_id):
        while True:
            _, message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message

    def open_folder(self, folder):
        """initialize (answered), then initialized: the server loads the folder and publishes."""
        uri = pathlib.Path(folder).resolve().as_uri()
        answer = self.answer_of(
            self.request(
                "initialize",
                {
                    "processId": os.getpid(),
                    "rootUri": uri,
                    "capabilities": {},
                    "workspaceFolders": [{"uri": uri, "name": os.path.basename(folder)}],
                },
            )
        )
        if "error" in answer:
            raise SystemExit(f"lsp bench: initialize failed: {answer['error']}")
        self.notify("initialized", {})

    def cpu_seconds(self):
        """User + system CPU seconds so far, in clock ticks' resolution (/proc/PID/stat)."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_kb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        """shutdown, then exit: the CPU seconds (user + system) the server used in all."""
        self.answer_of(self.request("shutdown", None))
        self.notify("exit", None)
        self.process.stdin.close()
        _, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        return usage.ru_utime + usage.ru_stime


def run_check(ownlint, corpus, report):
    """Wall and CPU (user + system) seconds of `ownlint check --format json --output-file
    REPORT` run in the corpus, as the server lints the folder: `check` run there."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [ownlint, "check", "--format", "json", "--output-file", report],
        cwd=corpus,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped here; findings make the status 1, which is expected
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def uris_with_findings(corpus, report):
    with open(report) as f:
        diagnostics = json.load(f)["diagnostics"]
    return {pathlib.Path(corpus, d["file"]).resolve().as_uri() for d in diagnostics}


def open_once(ownlint, corpus, expected):
    """A server with the corpus open and every expected file published: the server, the
    seconds from starting it to the last of those publications, and the findings published."""
    server = Server(ownlint)
    server.open_folder(corpus)
    published = {}
    last = server.started
    while not expected <= published.keys():
        at, message = server.receive()
        if message.get("method") == "textDocument/publishDiagnostics":
            published[message["params"]["uri"]] = message["params"]["diagnostics"]
            last = at
    return server, last - server.started, published


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


class Document:
    """The open document as the client holds it: each edit is sent as an incremental change of
    one line (no line is added or removed, so the other lines keep their numbers)."""

    def __init__(self, path):
        self.uri = pathlib.Path(path).resolve().as_uri()
        self.lines = pathlib.Path(path).read_text(encoding="utf-8").split("\n")
        self.version = 1

    def text(self):
        return "\n".join(self.lines)

    def replace(self, line, start, end, new):
        """Replace characters start..end (Python indices) of a line with `new`; the change."""
        old = self.lines[line]
        self.lines[line] = old[:start] + new + old[end:]
        self.version += 1
        return {
            "range": {
                "start": {"line": line, "character": utf16_length(old[:start])},
                "end": {"line": line, "character": utf16_length(old[:end])},
            },
            "text": new,
        }


def pick_document(corpus):
    """The Markdown file to edit: one defining a domain that a shared-ownership declaration in
    another file names (so that renaming it changes that file's findings), the one closest to
    the median size of the corpus's Markdown files. Returns (path, domain, declaring file)."""
    defined_in, declared_in, sizes = {}, {}, {}
    for path in sorted(pathlib.Path(corpus).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        sizes[path] = len(text)
        for m in re.finditer(r"^### (.+) Domain$", text, re.M):
            defined_in.setdefault(m.group(1), path)
        for m in re.finditer(r"^- \*\*(.+) \+ (.+)\*\*:", text, re.M):
            for name in m.groups():
                declared_in.setdefault(name, path)
    median = statistics.median_low(sizes.values())
    candidates = [
        (abs(sizes[path] - median), str(path), name, declared_in[name])
        for name, path in defined_in.items()
        if name in declared_in and declared_in[name] != path
    ]
    if not candidates:
        raise SystemExit(f"lsp bench: no Markdown domain of {corpus} is named in another file")
    _, path, name, declaring = min(candidates)
    return path, name, declaring


def plan_edits(doc, renamed, clean_owner_lines, count, rng):
    """The edits, as (kind, change, version, whether the kind's defect is in after it, the line
    changed, whether the renamed heading is in after it). Owner and rename edits toggle
    between their two states."""
    heading = next(i for i, l in enumerate(doc.lines) if l == f"### {renamed} Domain")
    owner_line = rng.choice(clean_owner_lines)
    owner_prefix = "**Owner:** "
    owner = doc.lines[owner_line][len(owner_prefix):]
    description = next(
        i for i, l in enumerate(doc.lines) if l[:1].isalpha() and "**" not in l
    )
    # The letter dropped from the heading: the last of the name's first word, a typo as one
    # makes it (the check of the published findings would tell if it named another domain).
    dropped_at = len("### ") + len(renamed.split(" ")[0]) - 1
    state = {"owner": False, "rename": False, "typed": 0}
    kinds = rng.choices(["owner", "rename", "typing"], weights=[1, 1, 2], k=count)
    words = "the rotation is reviewed quarterly by the owning team and its manager "
    for kind in kinds:
        if kind == "owner":
            state["owner"] = not state["owner"]
            now, before = ("TBD", owner) if state["owner"] else (owner, "TBD")
            start = len(owner_prefix)
            change = doc.replace(owner_line, start, start + len(before), now)
            yield kind, change, doc.version, state["owner"], owner_line, state["rename"]
        elif kind == "rename":
            state["rename"] = not state["rename"]
            if state["rename"]:
                change = doc.replace(heading, dropped_at, dropped_at + 1, "")
            else:
                letter = renamed[dropped_at - len("### ")]
                change = doc.replace(heading, dropped_at, dropped_at, letter)
            yield kind, change, doc.version, state["rename"], heading, state["rename"]
        else:
            end = len(doc.lines[description])
            if state["typed"] and rng.random() < 0.3:
                state["typed"] -= 1  # a backspace
                change = doc.replace(description, end - 1, end, "")
            else:
                letter = words[state["typed"] % len(words)]
                state["typed"] += 1
                change = doc.replace(description, end, end, letter)
            yield kind, change, doc.version, None, description, state["rename"]


def keystrokes(server, corpus, report, count, seed):
    """Open one document, send `count` edits one at a time. Returns the document, the latencies
    in ms by kind and by whether the renamed heading was in, the number of edits whose
    publication did not show the expected findings, and the server's mean CPU ms per edit."""
    path, renamed, declaring = pick_document(corpus)
    with open(report) as f:
        diagnostics = json.load(f)["diagnostics"]
    flagged = {
        d["span"]["start"]["line"] - 1
        for d in diagnostics
        if pathlib.Path(corpus, d["file"]).resolve() == pathlib.Path(path).resolve()
    }
    doc = Document(path)
    declaring_uri = pathlib.Path(declaring).resolve().as_uri()
    clean_owner_lines = [
        i
        for i, line in enumerate(doc.lines)
        if line.startswith("**Owner:** ") and i not in flagged
    ]
    server.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": doc.uri,
                "languageId": "markdown",
                "version": doc.version,
                "text": doc.text(),
            }
        },
    )
    previous = wait_for(server, {doc.uri: doc.version})[1][doc.uri]
    rng = random.Random(seed)
    latencies = {"owner": [], "rename": [], "typing": []}
    by_unknown = {False: [], True: []}
    wrong = 0
    cpu_before = server.cpu_seconds()
    for kind, change, version, defect_on, line, renamed_now in plan_edits(
        doc, renamed, clean_owner_lines, count, rng
    ):
        sent = server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": doc.uri, "version": version},
                "contentChanges": [change],
            },
        )
        awaited = {doc.uri: version}
        if kind == "rename":
            awaited[declaring_uri] = None
        last, published = wait_for(server, awaited)
        latencies[kind].append((last - sent) * 1000)
        # While the heading is renamed, a declaration in another file names an unknown domain:
        # every lint then looks for the closest defined name.
        by_unknown[renamed_now].append((last - sent) * 1000)
        mine = published[doc.uri]
        if kind == "owner":
            placeholder = [
                d for d in mine if d.get("code") == "OWN101" and d["range"]["start"]["line"] == line
            ]
            wrong += len(placeholder) != (1 if defect_on else 0)
        elif kind == "rename":
            unknown = [d for d in published[declaring_uri] if d.get("code") == "OWN108"]
            wrong += (len(unknown) > 0) != defect_on
        else:
            # A character in the description: the same findings on the same lines as before.
            wrong += found(mine) != found(previous)
        previous = mine
    cpu_per_edit_ms = (server.cpu_seconds() - cpu_before) / count * 1000
    return path, latencies, by_unknown, wrong, cpu_per_edit_ms


def found(diagnostics):
    """Findings as rule codes and lines, which an edit within a line leaves in place."""
    return sorted((d.get("code"), d["range"]["start"]["line"]) for d in diagnostics)


def wait_for(server, awaited):
    """Wait for a publication of each awaited URI (with the given version, or any when None):
    the arrival of the last one, and what each published."""
    published, last = {}, None
    while awaited.keys() - published.keys():
        at, message = server.receive()
        if message.get("method") != "textDocument/publishDiagnostics":
            continue
        params = message["params"]
        uri = params["uri"]
        if uri in awaited and awaited[uri] in (None, params.get("version")):
            published[uri] = params["diagnostics"]
            last = at
    return last, published


def summary(values):
    """'median (min-max)' of milliseconds."""
    return f"{statistics.median(values):.1f} ms ({min(values):.1f}-{max(values):.1f})"


def percentile(values, p):
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


def spread(values):
    """'median / p90 / max' of milliseconds."""
    if not values:
        return "-"
    return (
        f"{statistics.median(values):.1f} / {percentile(values, 90):.1f} / {max(values):.1f} "
        f"(n={len(values)})"
    )


def machine():
    model = platform.processor() or "unknown CPU"
    memory = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
        with open("/proc/meminfo") as f:
            kb = int(next(l.split()[1] for l in f if l.startswith("MemTotal")))
            memory = f", {kb / 1048576:.0f} GB"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {model}{memory}"


def open_times(ownlint, corpus, report, expected, runs):
    """Wall and CPU ms of the check and of the server's open, `runs` of each after two rounds
    of warm-up, the order swapped every round."""
    times = {"check": ([], []), "server": ([], [])}
    for i in range(runs + 2):
        for what in ("check", "server") if i % 2 == 0 else ("server", "check"):
            if what == "check":
                seconds, cpu = run_check(ownlint, corpus, report)
            else:
                server, seconds, _ = open_once(ownlint, corpus, expected)
                # The server does nothing after the publications but answer shutdown: its CPU
                # time in all is the open's.
                cpu = server.stop()
            if i >= 2:
                times[what][0].append(seconds * 1000)
                times[what][1].append(cpu * 1000)
    return times


def bench_corpus(ownlint, corpus, report, edits, args):
    """The row of the open table, the row of the keystroke table (None without edits), and a
    note when edits did not publish what they should."""
    name = os.path.basename(corpus.rstrip("/"))
    run_check(ownlint, corpus, report)
    expected = uris_with_findings(corpus, report)
    times = open_times(ownlint, corpus, report, expected, args.runs)
    (check_wall, check_cpu), (open_wall, open_cpu) = times["check"], times["server"]

    # The session edited and measured: a fresh server, its folder open and published.
    server, _, _ = open_once(ownlint, corpus, expected)
    edit_row, note = None, None
    if edits:
        path, latencies, by_unknown, wrong, cpu_ms = keystrokes(
            server, corpus, report, edits, args.seed
        )
        every = [ms for kind in latencies.values() for ms in kind]
        document = f"{os.path.relpath(path, corpus)} ({os.path.getsize(path) / 1000:.0f} kB)"
        edit_row = (
            f"| {name} | {document} | {spread(every)} | {spread(latencies['owner'])} "
            f"| {spread(latencies['rename'])} | {spread(latencies['typing'])} "
            f"| {spread(by_unknown[False])} | {spread(by_unknown[True])} | {cpu_ms:.1f} ms |"
        )
        if wrong:
            note = f"{name}: {wrong} of {edits} edits did not publish the expected findings."
    rss_mb = server.peak_rss_kb() / 1024
    server.stop()

    def change(new, base):
        return f"{(statistics.median(new) / statistics.median(base) - 1) * 100:+.0f}%"

    open_row = (
        f"| {name} | {len(expected)} | {summary(check_wall)} | {summary(open_wall)} "
        f"| {change(open_wall, check_wall)} | {statistics.median(check_cpu):.1f} ms "
        f"| {statistics.median(open_cpu):.1f} ms | {change(open_cpu, check_cpu)} "
        f"| {rss_mb:.0f} MB |"
    )
    return open_row, edit_row, note


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ownlint", help="the ownlint binary")
    parser.add_argument("corpora", nargs="+", metavar="CORPUS[=EDITS]")
    parser.add_argument("--edits", type=int, default=200, help="didChange notifications per corpus")
    parser.add_argument("--runs", type=int, default=10, help="timed opens (and checks) per corpus")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    ownlint = os.path.abspath(args.ownlint)
    version = subprocess.run(
        [ownlint, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()

    open_rows, edit_rows, notes = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "report.json")
        for spec in args.corpora:
            corpus, _, edits = spec.partition("=")
            edits = int(edits) if edits else args.edits
            open_row, edit_row, note = bench_corpus(
                ownlint, os.path.abspath(corpus), report, edits, args
            )
            open_rows.append(open_row)
            edit_rows += [edit_row] if edit_row else []
            notes += [note] if note else []

    print(
        "| corpus | files with findings | check (median, range) | server open (median, range) "
        "| open vs check | check CPU | open CPU | CPU, open vs check | server peak RSS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(open_rows))
    if edit_rows:
        print()
        print("Keystroke latency, didChange to its publishDiagnostics, ms: median / p90 / max.")
        print()
        print(
            "| corpus | document | all edits | owner (`TBD`) | rename (cross-file) | typing "
            "| no unknown domain | an unknown domain (OWN108) | server CPU per edit (mean) |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        print("\n".join(edit_rows))
    for note in notes:
        print()
        print(f"**{note}**")
    print()
    print(
        f"{version}; {args.runs} interleaved runs after 2 rounds of warm-up; "
        f"seed {args.seed}. Machine: {machine()}; {time.strftime('%Y-%m-%d', time.gmtime())}."
    )


if __name__ == "__main__":
    main()
