#!/usr/bin/env python3
"""Load benchmark of the mock Salesforce org (issue 4), with nginx serving a static file as the
reference in the same run.

Starts recoup_bench_org_server (an org holding --records Collection_Account__c records, --server-
threads worker threads) and nginx (--nginx-workers workers, a temporary configuration serving two
static JSON files whose sizes equal the org's retrieve and query response bodies), gets an OAuth
token, then drives each endpoint with wrk (--connections connections, --wrk-threads threads,
--duration seconds, after a --warmup) through bench/org/org_load.lua, which picks a random record
per request:
  retrieve  GET /services/data/v62.0/sobjects/Collection_Account__c/{Id}
  query     GET /services/data/v62.0/query?q=SELECT Id,Name,Balance__c FROM Collection_Account__c
                WHERE External_Id__c='EXT-...'            (selective: the external-Id index)
  nginx     GET /retrieve.json and /query.json            (same body sizes, same wrk settings)
wrk, the org server and nginx share the machine's cores (2 here): the figures are what a client on
the same host sees, with the client's own CPU cost included. Each round runs the four endpoints in
a shuffled order; with several rounds, the median of each figure is reported. The table also
shows the cores used by the server, by wrk and by every other process during each run, and warns
when other processes (or the hypervisor) took more than 0.1 core: such figures are disturbed.

Budget (--gate): each org endpoint >= 20,000 requests/s and p99 <= 5 ms, with no errors.
Usage: org_load.py [SERVER_BINARY] [--duration S] [--quick] [--rounds K] [--gate] [--json FILE]
Prints a table and writes JSON; exits 1 when --gate is given and a budget is missed, 2 when the
benchmark could not run (missing wrk or nginx, a server that does not start, failed requests).
"""
import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LUA = os.path.join(HERE, "org_load.lua")
API = "/services/data/v62.0"
MIN_REQUESTS_PER_S = 20_000
MAX_P99_MS = 5.0
OTHER_CPU_WARNING = 0.1  # cores used by other processes during a run before the table warns


class BenchError(Exception):
    """The benchmark could not run (exit 2)."""


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("server", nargs="?",
                    default=os.path.join(ROOT, "build/release/bench/org/recoup_bench_org_server"))
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    ap.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load first")
    ap.add_argument("--quick", action="store_true", help="CI smoke: 2 s runs, 1 s warm-up")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--server-threads", type=int, default=2)
    ap.add_argument("--nginx-workers", type=int, default=2)
    ap.add_argument("--gate", action="store_true", help="exit 1 unless the budgets are met")
    ap.add_argument("--json", help="write the results here (default: next to the server binary)")
    args = ap.parse_args()
    if args.quick:
        args.duration, args.warmup = 2, 1
    if args.rounds < 1 or args.duration <= 0 or args.warmup < 0 or args.connections < 1:
        ap.error("--rounds, --duration and --connections must be positive, --warmup >= 0")
    if args.json is None:
        args.json = os.path.join(os.path.dirname(os.path.abspath(args.server)), "org_load.json")
    return args


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, token=None):
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def cpu_seconds(pid):
    """User + system CPU seconds of a process (all its threads) so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds(pids):
    return sum(cpu_seconds(p) for p in pids)


def machine_cpu_seconds():
    """(user + nice + system, steal) CPU seconds of all cores so far (/proc/stat; interrupts not
    included, as /proc/<pid>/stat does not count them either; steal: time the hypervisor gave
    to other guests)."""
    with open("/proc/stat") as f:
        fields = f.readline().split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[1]) + int(fields[2]) + int(fields[3])) / tick, int(fields[8]) / tick


class OrgServer:
    def __init__(self, binary, records, threads, workdir):
        if not os.access(binary, os.X_OK):
            raise BenchError(f"{binary} not found: build it with `cmake --build build/release "
                             "--target recoup_bench_org_server`")
        self.keys = os.path.join(workdir, "keys.txt")
        self.proc = subprocess.Popen(
            [binary, "--records", str(records), "--threads", str(threads), "--port", "0",
             "--keys-out", self.keys], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on " not in line:
            self.proc.wait(timeout=10)
            raise BenchError(f"the org server did not start (exit {self.proc.returncode}): {line}")
        self.url = line.split("listening on ", 1)[1].split()[0]
        self.pids = [self.proc.pid]

    def token(self):
        body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "bench",
                                       "client_secret": "bench-secret"}).encode()
        with urllib.request.urlopen(self.url + "/services/oauth2/token", data=body,
                                    timeout=10) as r:
            return json.load(r)["access_token"]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        tail = self.proc.stdout.read().strip()
        return tail


NGINX_CONF = """\
daemon off;
master_process on;
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 120s;
  keepalive_requests 1000000;
  default_type application/json;
  client_body_temp_path {dir}/client_body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/www;
  }}
}}
"""


class Nginx:
    def __init__(self, workers, workdir, files):
        binary = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx")
                                           else None)
        if binary is None:
            raise BenchError("nginx not found: run scripts/install-deps.sh (Debian package nginx)")
        self.dir = os.path.join(workdir, "nginx")
        os.makedirs(os.path.join(self.dir, "www"))
        for name, body in files.items():
            with open(os.path.join(self.dir, "www", name), "wb") as f:
                f.write(body)
        # Workers run as an unprivileged user when nginx starts as root: let them read the files.
        for d, _, names in os.walk(workdir):
            os.chmod(d, 0o755)
            for n in names:
                os.chmod(os.path.join(d, n), 0o644)
        self.port = free_port()
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(workers=workers, dir=self.dir, port=self.port))
        self.proc = subprocess.Popen([binary, "-p", self.dir, "-c", conf, "-e",
                                      os.path.join(self.dir, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 10
        while True:
            try:
                status, _ = http_get(self.url + "/" + next(iter(files)))
                if status == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise BenchError("nginx did not start: " + self.proc.stderr.read())
            time.sleep(0.05)
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True)
        self.pids = [self.proc.pid] + [int(p) for p in out.stdout.split()]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful shutdown
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def run_wrk(args, url, mode, keys, token, seconds, static_path=""):
    cmd = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency",
           "--timeout", "5s", "-s", LUA, url, "--", mode, keys, token]
    if static_path:
        cmd.append(static_path)
    out = subprocess.run(cmd, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if line.startswith("ORG_LOAD_RESULT "):
            return json.loads(line[len("ORG_LOAD_RESULT "):])
    raise BenchError(f"wrk {mode} failed (exit {out.returncode}): {out.stderr.strip()}"
                     f"{out.stdout.strip()}")


def measure(args, target, endpoint, keys, token):
    """One measured wrk run of `endpoint`; adds rates and the CPU the server side used."""
    url, pids = target
    mode, path = endpoint
    before = children_cpu_seconds(pids)
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk is the only child reaped
    machine_before = machine_cpu_seconds()
    wall = time.monotonic()
    r = run_wrk(args, url, mode, keys, token, args.duration, path)
    wall = time.monotonic() - wall
    machine_after = machine_cpu_seconds()
    machine_used = machine_after[0] - machine_before[0]
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r["server_cpu_cores"] = (children_cpu_seconds(pids) - before) / wall
    r["wrk_cpu_cores"] = (wrk_after.ru_utime + wrk_after.ru_stime - wrk_before.ru_utime -
                          wrk_before.ru_stime) / wall
    # What everything else on the machine used meanwhile: other people's builds and tests.
    r["other_cpu_cores"] = max(0.0, machine_used / wall - r["server_cpu_cores"] -
                               r["wrk_cpu_cores"])
    r["steal_cpu_cores"] = (machine_after[1] - machine_before[1]) / wall
    r["requests_per_s"] = r["requests"] / (r["duration_us"] / 1e6)
    r["bytes_per_response"] = r["bytes"] / max(1, r["requests"])
    r["error_count"] = sum(r["errors"].values())
    return r


def median_result(runs):
    keys = ["requests_per_s", "server_cpu_cores", "wrk_cpu_cores", "other_cpu_cores",
            "steal_cpu_cores", "bytes_per_response"]
    out = {k: statistics.median(r[k] for r in runs) for k in keys}
    out["p50_ms"] = statistics.median(r["latency_us"]["p50"] for r in runs) / 1000
    out["p99_ms"] = statistics.median(r["latency_us"]["p99"] for r in runs) / 1000
    out["max_ms"] = max(r["latency_us"]["max"] for r in runs) / 1000
    out["errors"] = sum(r["error_count"] for r in runs)
    out["requests"] = sum(r["requests"] for r in runs)
    out["runs"] = runs
    return out


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    nginx_version = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr
    return {"cpu": model, "cores": os.cpu_count(), "kernel": platform.release(),
            "wrk": wrk_version.split("\n")[0].strip(), "nginx": nginx_version.strip()}


def fetch_samples(org, token, keys):
    """The body of one retrieve and one query response, checking that both succeed."""
    with open(keys) as f:
        record_id, external_id = f.readline().split()
    status, retrieve = http_get(f"{org.url}{API}/sobjects/Collection_Account__c/{record_id}", token)
    if status != 200:
        raise BenchError(f"retrieve answered {status}: {retrieve[:300]!r}")
    q = urllib.parse.quote_plus("SELECT Id,Name,Balance__c FROM Collection_Account__c WHERE "
                                f"External_Id__c='{external_id}'", safe=",")
    status, query = http_get(f"{org.url}{API}/query?q={q}", token)
    if status != 200 or json.loads(query).get("totalSize") != 1:
        raise BenchError(f"query answered {status}: {query[:300]!r}")
    return retrieve, query


def run(args):
    if shutil.which("wrk") is None:
        raise BenchError("wrk not found: run scripts/install-deps.sh (Debian package wrk)")
    workdir = tempfile.mkdtemp(prefix="recoup-org-load-")
    org = nginx = None
    try:
        org = OrgServer(args.server, args.records, args.server_threads, workdir)
        token = org.token()
        retrieve, query = fetch_samples(org, token, org.keys)
        nginx = Nginx(args.nginx_workers, workdir,
                      {"retrieve.json": retrieve, "query.json": query})
        endpoints = {
            "org retrieve by Id": ((org.url, org.pids), ("retrieve", "")),
            "org selective query": ((org.url, org.pids), ("query", "")),
            "nginx static (retrieve size)": ((nginx.url, nginx.pids), ("static", "/retrieve.json")),
            "nginx static (query size)": ((nginx.url, nginx.pids), ("static", "/query.json")),
        }
        for target, (mode, path) in endpoints.values():
            if args.warmup > 0:
                run_wrk(args, target[0], mode, org.keys, token, args.warmup, path)
        runs = {name: [] for name in endpoints}
        order = list(endpoints)
        shuffler = random.Random(1)
        for _ in range(args.rounds):
            shuffler.shuffle(order)
            for name in order:
                target, endpoint = endpoints[name]
                runs[name].append(measure(args, target, endpoint, org.keys, token))
        results = {name: median_result(r) for name, r in runs.items()}
        results["_sizes"] = {"retrieve_body_bytes": len(retrieve), "query_body_bytes": len(query)}
        return results
    finally:
        if nginx is not None:
            nginx.stop()
        if org is not None:
            org.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def report(args, results, load_before):
    sizes = results.pop("_sizes")
    pairs = {"org retrieve by Id": "nginx static (retrieve size)",
             "org selective query": "nginx static (query size)"}
    print(f"org load: {args.records} records, {args.connections} connections, wrk -t"
          f"{args.wrk_threads}, {args.duration} s x {args.rounds} round(s); server "
          f"{args.server_threads} threads, nginx {args.nginx_workers} workers; bodies: retrieve "
          f"{sizes['retrieve_body_bytes']} B, query {sizes['query_body_bytes']} B")
    print(f"{'endpoint':<30} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} "
          f"{'B/resp':>7} {'srv cpu':>7} {'wrk cpu':>7} {'other':>6} {'errors':>6} {'vs nginx':>8}"
          "  gate")
    ok = True
    for name, r in results.items():
        ratio, verdict = "", ""
        if name in pairs:
            ratio = f"{r['requests_per_s'] / results[pairs[name]]['requests_per_s']:.2f}"
            passed = (r["requests_per_s"] >= MIN_REQUESTS_PER_S and r["p99_ms"] <= MAX_P99_MS
                      and r["errors"] == 0)
            r["passes_gate"] = passed
            ok = ok and passed
            verdict = "yes" if passed else "NO"
        print(f"{name:<30} {r['requests_per_s']:>9.0f} {r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f} "
              f"{r['max_ms']:>7.1f} {r['bytes_per_response']:>7.0f} {r['server_cpu_cores']:>7.2f} "
              f"{r['wrk_cpu_cores']:>7.2f} {r['other_cpu_cores']:>6.2f} "
              f"{r['errors']:>6} {ratio:>8}  {verdict}")
    print(f"budget: org endpoints >= {MIN_REQUESTS_PER_S:,} req/s and p99 <= {MAX_P99_MS:g} ms, "
          "no errors; 'vs nginx' = org req/s / nginx req/s for a file of the same body size; "
          "'srv cpu' / 'wrk cpu' / 'other' = cores used by the server (nginx: all its "
          "processes) / by wrk / by every other process")
    busiest = max(run["other_cpu_cores"] + run["steal_cpu_cores"]
                  for r in results.values() for run in r["runs"])
    if busiest > OTHER_CPU_WARNING:
        print(f"warning: other processes (or the hypervisor's steal) took up to {busiest:.2f} "
              "cores during a run: the figures (p99 first) are disturbed; measure on a quiet "
              "machine or with --rounds 3")
    document = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average": {"before": load_before, "after": load_average()},
        "settings": {k: getattr(args, k) for k in ("records", "duration", "warmup", "rounds",
                                                     "connections", "wrk_threads",
                                                     "server_threads", "nginx_workers")},
        "budget": {"min_requests_per_s": MIN_REQUESTS_PER_S, "max_p99_ms": MAX_P99_MS},
        "sizes": sizes,
        "results": results,
        "passes_gate": ok,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(document, f, indent=2)
        f.write("\n")
    print(f"wrote {args.json}")
    return ok


def main():
    args = parse_args()
    load_before = load_average()
    try:
        results = run(args)
    except (BenchError, OSError, ValueError, subprocess.SubprocessError) as e:
        print(f"org_load: {e}", file=sys.stderr)
        return 2
    ok = report(args, results, load_before)
    return 0 if ok or not args.gate else 1


if __name__ == "__main__":
    sys.exit(main())
