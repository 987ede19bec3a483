#!/usr/bin/env python3
"""The measuring core of benches/http/run.sh (run that script, not this file: it builds and installs first).

Starts every server (newsfacts, the ceiling, the peers) and keeps them up, idle but for the one under load
(never two under load at once); measures every query with wrk for DURATION seconds at CONNECTIONS concurrent
connections, in RUNS rounds that each run every query on every server once; takes medians, and writes a
Markdown report.
Configuration comes from the environment that run.sh passes on; see run.sh for the list.
"""

import http.client
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from datetime import datetime, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
E = os.environ
SMOKE = E.get("SMOKE", "0") == "1"
DURATION = int(E.get("DURATION", "1" if SMOKE else "10"))
RUNS = int(E.get("RUNS", "1" if SMOKE else "3"))
CONNECTIONS = int(E.get("CONNECTIONS", "64"))
STORE = E.get("STORE_FILE", "")          # the file served (run.sh sets it; empty = embedded store)
SYNTHETIC = E.get("SYNTHETIC", "0") == "1"
PEERS = E.get("PEERS", "0") == "1"
OUT = E["OUT"]
WORK = E["WORK"]
WRK = E["WRK"]
# PIN: servers under load on core 0 (one worker each: they start one per available core), wrk on core 1.
PIN = E.get("PIN", "0") == "1"
THREADS = int(E.get("THREADS", "1" if PIN else "2"))
BIN = E["BIN"]
CEILING = E["CEILING_BIN"]
TOOLS = E["TOOLS"]
PORT = int(E.get("BASE_PORT", "18200"))
DEEP_OFFSET = int(E.get("DEEP_OFFSET", "20000"))
STARTUP_RUNS = int(E.get("STARTUP_RUNS", "3" if SMOKE else "10"))
COMMAND = E.get("COMMAND", "bash benches/http/run.sh")

ENTITY = E.get("ENTITY") or ("federal-investigation-agency" if SYNTHETIC else "pakistan")
ACRONYM = E.get("ACRONYM", "NCCIA")
TEXT = E.get("TEXT_QUERY", "smugglers")
AMOUNT_GTE = E.get("AMOUNT_GTE") or ("1000" if SYNTHETIC else "100")
AMOUNT_LTE = E.get("AMOUNT_LTE") or ("1000000" if SYNTHETIC else "10000000")
CLAIM = E.get("CLAIM_ID") or ("" if SYNTHETIC else "clm_221f1809bd7b")

QUERIES = ["get_claim", "get_entity", "filtered_list", "text_query", "deep_page"]
LABELS = {
    "ceiling": "ceiling (bare actix-web, fixed body)",
    "get_claim": "get claim by id",
    "get_entity": "get entity by acronym",
    "filtered_list": "filtered list of 20 (entity + kind + amount range + sort)",
    "text_query": "text query (q=)",
    "deep_page": "deep page",
}


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def get(port, path, timeout=120):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


def rss_kib(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return None


class Server:
    def __init__(self, name, cmd, port, ready_path, logfile, env=None, cwd=None, ready_timeout=600,
                 pin=False):
        self.name, self.port = name, port
        if pin:
            cmd = ["taskset", "-c", "0"] + cmd
        self.log = open(logfile, "ab")
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log, env=full_env, cwd=cwd,
                                     start_new_session=True)
        deadline = time.monotonic() + ready_timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {self.proc.returncode}; see {logfile}")
            try:
                status, _ = get(port, ready_path, timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} not ready after {ready_timeout} s; see {logfile}")
            time.sleep(0.002)
        self.ready_s = time.perf_counter() - self.started
        log(f"{name} ready on :{port} after {self.ready_s:.3f} s")

    def rss(self, field="VmRSS"):
        return rss_kib(self.proc.pid, field)

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


WRK_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.lua")


def load(port, path, seconds):
    """One wrk run: median and 99th-percentile latency (ms), requests per second, status counts."""
    url = f"http://127.0.0.1:{port}{path}"
    cmd = (["taskset", "-c", "1"] if PIN else []) + [
        WRK, "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s",
        "-H", "Accept: application/json", "-s", WRK_SCRIPT, url]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120)
    line = next((l for l in res.stdout.splitlines() if l.startswith("JSON ")), None)
    if res.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed on {url}: {res.stdout[-500:]} {res.stderr[-500:]}")
    d = json.loads(line[5:])
    errors = d["connect"] + d["read"] + d["write"] + d["timeout"]
    return {
        "rps": d["rps"],
        "p50": d["p50_us"] / 1000.0,
        "p99": d["p99_us"] / 1000.0,
        "ok": d["requests"] - d["non2xx"],
        "non2xx": d["non2xx"],
        "errors": errors,
        "bytes": d["bytes"],
    }


def summarize(name, query, path, runs):
    """Medians of several wrk runs of one query on one server."""
    med = lambda key: statistics.median([r[key] for r in runs if r[key] is not None] or [0.0])
    out = {
        "path": path,
        "rps": med("rps"),
        "p50": med("p50"),
        "p99": med("p99"),
        "ok": sum(r["ok"] for r in runs),
        "non2xx": sum(r["non2xx"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "runs": [round(r["rps"]) for r in runs],
    }
    log(f"  {name:11} {query:14} {out['rps']:>10.0f} req/s  p50 {out['p50']:8.2f} ms  "
        f"p99 {out['p99']:8.2f} ms  ok {out['ok']}  non-2xx {out['non2xx']}  errors {out['errors']}  "
        f"runs {out['runs']}")
    return out


def measure_interleaved(plan):
    """Measures every (server, query, path) of `plan` RUNS times, in rounds: each round runs the whole plan
    once, so that a drift of the machine's speed during the benchmark falls on every server alike rather
    than on whichever was measured last. Returns {server name: {query: medians}}."""
    runs = {(server.name, query): [] for server, query, _ in plan}
    for r in range(RUNS):
        log(f"round {r + 1} of {RUNS}")
        for server, query, path in plan:
            runs[(server.name, query)].append(load(server.port, path, DURATION))
    results = {}
    for server, query, path in plan:
        results.setdefault(server.name, {})[query] = summarize(server.name, query, path,
                                                               runs[(server.name, query)])
    return results


def warm(server, path):
    load(server.port, path, 1)


def startup_runs(cmd, port, n, ready_path="/readyz", env=None):
    """Launch-to-first-answered-request times, each from a fresh process."""
    times, rss, hwm = [], [], []
    for i in range(n):
        s = Server(f"startup#{i + 1}", cmd, port, ready_path, os.path.join(WORK, "startup.log"), env=env)
        times.append(s.ready_s)
        rss.append(s.rss())
        hwm.append(s.rss("VmHWM"))
        s.stop()
    return times, rss, hwm


def follow(port, first_path, next_of, target, hop_limit_s=180):
    """Follows next-page links from first_path until `target` items were skipped; returns (path, offset)."""
    path, skipped, started = first_path, 0, time.monotonic()
    while skipped < target:
        status, body = get(port, path)
        if status != 200:
            raise RuntimeError(f"deep page: {path} answered {status}: {body[:200]!r}")
        page = json.loads(body)
        nxt, n = next_of(page, target - skipped)
        if nxt is None:
            break
        skipped += n
        path = nxt
        if time.monotonic() - started > hop_limit_s:
            log(f"  deep page: stopped following after {hop_limit_s} s at offset {skipped}")
            break
    return path, skipped


def newsfacts_paths(port, total_claims):
    global CLAIM
    filtered = (f"/v1/claims?entity={ENTITY}&kind=count&amount_gte={AMOUNT_GTE}&amount_lte={AMOUNT_LTE}"
                f"&sort=amount_desc&page_size=20")
    if not CLAIM:
        status, body = get(port, filtered)
        data = json.loads(body)["data"]
        if status != 200 or not data:
            raise RuntimeError(f"no claim for {filtered}: {status}")
        CLAIM = data[len(data) // 2]["id"]
    page = 20 if total_claims >= 200 else 2
    target = max(0, min(DEEP_OFFSET, total_claims - page))
    hop = 100

    def next_of(page_json, remaining):
        tok = page_json.get("next_page_token")
        if tok is None:
            return None, 0
        size = min(hop, remaining)
        return f"/v1/claims?page_size={size}&page_token={urllib.parse.quote(tok)}", len(page_json["data"])

    t0 = time.perf_counter()
    last, offset = follow(port, f"/v1/claims?page_size={min(hop, max(target, 1))}", next_of, target)
    hop_s = time.perf_counter() - t0
    tok = urllib.parse.parse_qs(urllib.parse.urlparse(last).query).get("page_token", [None])[0]
    deep = f"/v1/claims?page_size={page}" + (f"&page_token={urllib.parse.quote(tok)}" if tok else "")
    log(f"  deep page: offset {offset} reached in {hop_s:.1f} s")
    return {
        "get_claim": f"/v1/claims/{CLAIM}",
        "get_entity": f"/v1/entities/{ACRONYM}",
        "filtered_list": filtered,
        "text_query": f"/v1/claims?q={TEXT}&page_size=20",
        "deep_page": deep,
    }, offset, page


def jsonserver_paths(offset, page):
    return {
        "get_claim": f"/claims/{CLAIM}",
        "get_entity": f"/entities?acronym={ACRONYM}",
        "filtered_list": (f"/claims?entities_like=%20{ENTITY}%20&kind=count&amount_gte={AMOUNT_GTE}"
                          f"&amount_lte={AMOUNT_LTE}&_sort=amount&_order=desc&_limit=20"),
        "text_query": f"/claims?q={TEXT}&_limit=20",
        "deep_page": f"/claims?_sort=article_date,id&_order=desc,asc&_start={offset}&_limit={page}",
    }


def datasette_paths(port, offset, page):
    where = urllib.parse.quote(f"subject_id = '{ENTITY}' or claimant_id = '{ENTITY}'")

    def next_of(page_json, remaining):
        nxt = page_json.get("next")
        if nxt is None:
            return None, 0
        size = min(100, remaining)
        return (f"/facts/claims.json?_sort_desc=article_date&_size={size}&_next={urllib.parse.quote(nxt)}",
                len(page_json["rows"]))

    last, reached = follow(port, f"/facts/claims.json?_sort_desc=article_date&_size={min(100, max(offset, 1))}",
                           next_of, offset)
    tok = urllib.parse.parse_qs(urllib.parse.urlparse(last).query).get("_next", [None])[0]
    deep = f"/facts/claims.json?_sort_desc=article_date&_size={page}" + (
        f"&_next={urllib.parse.quote(tok)}" if tok else "")
    log(f"  datasette deep page: offset {reached}")
    return {
        "get_claim": f"/facts/claims/{CLAIM}.json",
        "get_entity": f"/facts/entities.json?acronym={ACRONYM}",
        "filtered_list": (f"/facts/claims.json?_where={where}&kind=count&amount__gte={AMOUNT_GTE}"
                          f"&amount__lte={AMOUNT_LTE}&_sort_desc=amount&_size=20"),
        "text_query": f"/facts/claims.json?_search={TEXT}&_size=20",
        "deep_page": deep,
    }


def build_peer_data(store_file):
    out = os.path.join(WORK, "peers")
    py = os.path.join(TOOLS, "peers-venv", "bin", "python")
    su = os.path.join(TOOLS, "peers-venv", "bin", "sqlite-utils")
    t0 = time.perf_counter()
    subprocess.run([py, os.path.join(ROOT, "benches", "http", "flatten.py"), store_file, out], check=True)
    db = os.path.join(out, "facts.db")
    if os.path.exists(db):
        os.remove(db)
    for table in ("claims", "entities", "articles"):
        subprocess.run([su, "insert", db, table, os.path.join(out, table + ".ndjson"), "--nl", "--pk", "id"],
                       check=True)
    for table, col in (("claims", "subject_id"), ("claims", "claimant_id"), ("claims", "kind"),
                       ("claims", "amount"), ("claims", "article_date"), ("entities", "acronym")):
        subprocess.run([su, "create-index", db, table, col], check=True)
    subprocess.run([su, "enable-fts", db, "claims", "label", "measured", "evidence"], check=True)
    subprocess.run([su, "analyze", db], check=True)
    log(f"peer data built in {time.perf_counter() - t0:.1f} s")
    return out


def machine():
    cpu = "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1048576:.1f} GiB"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram": mem,
        "kernel": platform.release(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def fmt(v, digits=0):
    if v is None:
        return "n/a"
    return f"{v:,.{digits}f}"


def ratio(a, b):
    if not a or not b:
        return "n/a"
    return f"{a / b:.2f}"


def main():
    os.makedirs(WORK, exist_ok=True)
    for name in ("startup", "newsfacts", "ceiling", "json-server", "datasette"):
        if os.path.exists(os.path.join(WORK, name + ".log")):
            os.remove(os.path.join(WORK, name + ".log"))
    info = machine()
    started = datetime.now(timezone.utc)
    log(f"machine: {info}")
    results = {}
    scale = {}
    store_label = STORE or "embedded data/facts.json"
    store_args = ["--data", STORE] if STORE else []

    # 1. Startup of the embedded store (always), and of the chosen store when it is a file.
    emb_times, _, _ = startup_runs([BIN, "serve", "--addr", f"127.0.0.1:{PORT}", "--log-format", "json"],
                                PORT, STARTUP_RUNS)
    log(f"embedded startup: median {statistics.median(emb_times) * 1000:.1f} ms over {len(emb_times)}")

    # 2. Every server up at once, idle but for the one under load: newsfacts, the ceiling (same request
    # line, same body, same logging) and the peers.
    servers = []
    peer_paths = {}
    nf = Server("newsfacts", [BIN, "serve", "--addr", f"127.0.0.1:{PORT}", "--log-format", "json"] + store_args,
                PORT, "/readyz", os.path.join(WORK, "newsfacts.log"), pin=PIN)
    servers.append(nf)
    try:
        if STORE:
            scale["file_bytes"] = os.path.getsize(STORE)
            scale["startup_s"] = nf.ready_s
            scale["rss_ready_kib"] = nf.rss()
        status, body = get(PORT, "/v1/snapshot")
        snapshot = json.loads(body)
        total = snapshot["claim_count"]
        paths, offset, page = newsfacts_paths(PORT, total)
        status, claim_body = get(PORT, paths["get_claim"])
        assert status == 200, f"get claim answered {status}"
        body_file = os.path.join(WORK, "claim-body.json")
        with open(body_file, "wb") as f:
            f.write(claim_body)
        ce = Server("ceiling", [CEILING, body_file, f"127.0.0.1:{PORT + 1}"], PORT + 1, "/readyz",
                    os.path.join(WORK, "ceiling.log"), pin=PIN)
        servers.append(ce)
        plan = [(ce, "ceiling", paths["get_claim"])] + [(nf, q, paths[q]) for q in QUERIES]
        if PEERS:
            peer_dir = build_peer_data(STORE or os.path.join(ROOT, "data", "facts.json"))
            node_bin = os.path.join(TOOLS, "peers-npm", "node_modules", ".bin", "json-server")
            js = Server("json-server", [node_bin, "--host", "127.0.0.1", "--port", str(PORT + 2),
                                        os.path.join(peer_dir, "db.json")],
                        PORT + 2, "/entities?_limit=1", os.path.join(WORK, "json-server.log"),
                        env={"NODE_OPTIONS": "--max-old-space-size=8192"}, pin=PIN)
            servers.append(js)
            peer_paths["json-server"] = jsonserver_paths(offset, page)
            ds_bin = os.path.join(TOOLS, "peers-venv", "bin", "datasette")
            ds = Server("datasette", [ds_bin, "serve", "-i", os.path.join(peer_dir, "facts.db"), "--host",
                                      "127.0.0.1", "--port", str(PORT + 3), "--setting", "suggest_facets", "off"],
                        PORT + 3, "/-/versions.json", os.path.join(WORK, "datasette.log"), pin=PIN)
            servers.append(ds)
            peer_paths["datasette"] = datasette_paths(PORT + 3, offset, page)
            plan += [(js, q, peer_paths["json-server"][q]) for q in QUERIES]
            plan += [(ds, q, peer_paths["datasette"][q]) for q in QUERIES]
        for server, _, path in plan:
            warm(server, path)
        measured = measure_interleaved(plan)
        results["ceiling"] = measured.pop("ceiling")
        results.update(measured)
        if STORE:
            scale["rss_after_kib"] = nf.rss()
            scale["hwm_kib"] = nf.rss("VmHWM")
    finally:
        for server in servers:
            server.stop()
    if STORE:
        # The server measured under load started on one core when pinned: its startup is not counted then.
        first = [] if PIN else [scale["startup_s"]]
        t, r, _ = startup_runs([BIN, "serve", "--addr", f"127.0.0.1:{PORT}", "--log-format", "json"] + store_args,
                               PORT, (3 - len(first)) if SYNTHETIC and not SMOKE else STARTUP_RUNS)
        scale["startup_runs_s"] = first + t
        scale["rss_ready_runs_kib"] = ([scale["rss_ready_kib"]] if first else []) + r
        # The same store as a binary snapshot, the form meant for large stores.
        with open(STORE, "rb") as f:
            is_snapshot = f.read(8) == b"NFSNAP\r\n"
        if not is_snapshot:
            snap = os.path.join(WORK, "store.snapshot")
            subprocess.run([BIN, "snapshot", "--out", snap, STORE], check=True, stdout=subprocess.DEVNULL)
            t, r, h = startup_runs([BIN, "serve", "--addr", f"127.0.0.1:{PORT}", "--log-format", "json",
                                    "--data", snap], PORT, 3 if SYNTHETIC and not SMOKE else STARTUP_RUNS)
            scale["snapshot_bytes"] = os.path.getsize(snap)
            scale["snapshot_startup_runs_s"] = t
            scale["snapshot_rss_ready_runs_kib"] = r
            scale["snapshot_hwm_runs_kib"] = h
            os.remove(snap)

    report = render(info, started, store_label, snapshot, emb_times, results, scale, paths, peer_paths,
                    offset, page, len(claim_body))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(report)
    with open(os.path.splitext(OUT)[0] + ".json", "w") as f:
        json.dump({"machine": info, "store": store_label, "snapshot": snapshot, "startup_embedded_s": emb_times,
                   "results": results, "scale": scale, "paths": paths, "peer_paths": peer_paths}, f, indent=1)
    print(report)
    bad = [(s, q) for s, qs in results.items() for q, r in qs.items() if r["ok"] == 0]
    nonok = [(s, q, r["non2xx"], r["errors"]) for s, qs in results.items() for q, r in qs.items()
             if r["non2xx"] or r["errors"]]
    if nonok:
        log(f"WARNING: non-2xx answers or errors: {nonok}")
    if bad or any(r["non2xx"] for r in results["newsfacts"].values()):
        log(f"FAILED: no successful requests for {bad}, or newsfacts answered non-2xx")
        sys.exit(1)


def render(info, started, store_label, snapshot, emb_times, results, scale, paths, peer_paths, offset, page,
           claim_bytes):
    ceil = results["ceiling"]["ceiling"]
    L = []
    L.append("# HTTP benchmark results\n")
    L.append(f"Generated by `{COMMAND}` at {started.strftime('%Y-%m-%d %H:%M UTC')}.\n")
    L.append(f"- Machine: {info['nproc']} cores ({info['cpu']}), {info['ram']} RAM, Linux {info['kernel']}; "
             f"load average when the run started: {info['load']}"
             + ("." if PIN else " (the load generator shares the cores)."))
    pinning = (" Servers under load run on core 0 (one worker each) and wrk on core 1, so that the load "
               "generator never takes the server's core." if PIN else "")
    L.append(f"- Load: wrk {E.get('WRK_VERSION', '?')} ({THREADS} thread{'' if THREADS == 1 else 's'}), {CONNECTIONS} connections, HTTP/1.1 keep-alive, "
             f"{DURATION} s per measurement, median of {RUNS} run(s) (p50, p99 and req/s each the median), taken in rounds "
             "that each measure every query on every server once, so that the machine's drift falls on all alike."
             + pinning)
    L.append(f"- Store: {store_label}: {snapshot['article_count']:,} articles, {snapshot['entity_count']:,} entities, "
             f"{snapshot['entity_mention_count']:,} entity mentions, {snapshot['claim_count']:,} claims.")
    L.append("- Logging: newsfacts and the ceiling log one JSON line per request to stderr (`RUST_LOG` unset: "
             "`info`), redirected to a file; json-server and Datasette keep their default access logs.")
    L.append(f"- Ceiling: `examples/ceiling.rs`, bare actix-web returning the get-claim body ({claim_bytes:,} bytes) "
             "with the same access log (one completion event per request), asked for with the get-claim request "
             "(same path and headers), so that the two servers read the same bytes and send the same body.\n")
    L.append("## Startup of the embedded store\n")
    L.append(f"Launch to first answered `/readyz`, fresh process each time, {len(emb_times)} runs: median "
             f"**{statistics.median(emb_times) * 1000:.1f} ms** (min {min(emb_times) * 1000:.1f}, max "
             f"{max(emb_times) * 1000:.1f}).\n")
    L.append("## Throughput and latency\n")
    peers = [p for p in ("json-server", "datasette") if p in results]
    head = "| query | newsfacts req/s | p50 ms | p99 ms | ÷ ceiling |"
    sep = "|---|---:|---:|---:|---:|"
    for p in peers:
        head += f" {p} req/s | {p} p99 ms | newsfacts ÷ {p} |"
        sep += "---:|---:|---:|"
    L.append(head)
    L.append(sep)
    L.append(f"| {LABELS['ceiling']} | {fmt(ceil['rps'])} | {fmt(ceil['p50'], 2)} | {fmt(ceil['p99'], 2)} | 1.00 |"
             + " | | |" * len(peers))
    for q in QUERIES:
        r = results["newsfacts"][q]
        row = f"| {LABELS[q]} | {fmt(r['rps'])} | {fmt(r['p50'], 2)} | {fmt(r['p99'], 2)} | {ratio(r['rps'], ceil['rps'])} |"
        for p in peers:
            pr = results[p][q]
            flag = f" ({pr['non2xx']} non-2xx, {pr['errors']} errors)" if pr["non2xx"] or pr["errors"] else ""
            row += f" {fmt(pr['rps'], 1)}{flag} | {fmt(pr['p99'], 1)} | {ratio(r['rps'], pr['rps'])} |"
        L.append(row)
    L.append("")
    if scale:
        mib = scale["file_bytes"] / 1048576
        L.append("## Scale\n")
        L.append(f"- File: {scale['file_bytes']:,} bytes ({mib:,.1f} MiB).")
        runs = ", ".join(f"{s:.2f}" for s in scale["startup_runs_s"])
        L.append(f"- Startup to first answered request: median **{statistics.median(scale['startup_runs_s']):.2f} s** "
                 f"(runs: {runs} s).")
        rr = scale["rss_ready_kib"] / 1024
        ra = scale["rss_after_kib"] / 1024
        hw = scale["hwm_kib"] / 1024
        L.append(f"- Resident memory (VmRSS): {rr:,.0f} MiB when ready ({rr / mib:.2f} × file), {ra:,.0f} MiB after "
                 f"the load ({ra / mib:.2f} × file); peak VmHWM {hw:,.0f} MiB ({hw / mib:.2f} × file).")
        if "snapshot_bytes" in scale:
            runs = ", ".join(f"{s:.2f}" for s in scale["snapshot_startup_runs_s"])
            rr = statistics.median(scale["snapshot_rss_ready_runs_kib"]) / 1024
            hw = statistics.median(scale["snapshot_hwm_runs_kib"]) / 1024
            L.append(f"- From the binary snapshot of the same store (`newsfacts snapshot`, "
                     f"{scale['snapshot_bytes']:,} bytes): startup median "
                     f"**{statistics.median(scale['snapshot_startup_runs_s']):.2f} s** (runs: {runs} s); resident "
                     f"{rr:,.0f} MiB when ready ({rr / mib:.2f} × the JSON file), peak {hw:,.0f} MiB "
                     f"({hw / mib:.2f} ×) (medians).")
        L.append("")
    L.append("## Requests\n")
    L.append(f"Deep page: followed `next_page_token` (100 per hop) to offset {offset:,}, then measured that page "
             f"({page} items).\n")
    L.append("| query | newsfacts |" + "".join(f" {p} |" for p in peers))
    L.append("|---|---|" + "---|" * len(peers))
    for q in QUERIES:
        cells = [f"`{paths[q]}`"] + [f"`{peer_paths[p][q]}`" for p in peers]
        L.append(f"| {LABELS[q]} | " + " | ".join(cells) + " |")
    L.append("")
    if peers:
        L.append("Peer setup: `benches/http/flatten.py` flattens each claim (value fields as columns, first subject "
                 "and claimant, a space-delimited `entities` column, evidence text; the nested `mentions` kept: JSON "
                 "in json-server, a JSON text column in SQLite). json-server 0.17.4 serves `db.json` as is (every "
                 "query scans). Datasette 0.65.5 serves the SQLite file built by sqlite-utils 4.2.1 immutable "
                 "(`-i`), with indexes on `subject_id`, `claimant_id`, `kind`, `amount`, `article_date` and "
                 "`entities.acronym`, FTS over label, measured and evidence, and `suggest_facets off`; its table "
                 "pages still count the filtered rows, like newsfacts's `total_size`. Differences: the entity filter "
                 "of json-server is a regular expression over `entities`, Datasette's a `_where` over the first "
                 "subject and claimant; json-server's `q` searches every field; Datasette pages by keyset "
                 "(`_next`), json-server by `_start`.\n")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
