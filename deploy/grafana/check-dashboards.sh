#!/usr/bin/env bash
# Proves the provisioned Grafana dashboards work without Grafana: evaluates every panel target's
# PromQL against a live Prometheus (/api/v1/query) and fails on a query error or an empty result.
#
#   deploy/grafana/check-dashboards.sh [PROMETHEUS_URL]      (default: $PROMETHEUS_URL from
#                                                             .govdata/endpoints.env, else http://127.0.0.1:9090)
#
# Grafana macros and template variables are replaced the way Grafana would at 5 s scrape
# interval: $__rate_interval -> 1m, $__interval -> 15s, $__range -> 6h; a template variable takes
# its current value ("All" -> .*). A dashboard may list panel titles whose series only exist once
# a feature has been used ("govdata": {"allowEmpty": [...]}); those are reported EMPTY(ok) instead
# of failing. Needs bash and python3 (standard library only).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
url=${1:-}
if [ -z "$url" ] && [ -f "$root/.govdata/endpoints.env" ]; then
  url=$(sed -n 's/^PROMETHEUS_URL=//p' "$root/.govdata/endpoints.env")
fi
url=${url:-${PROMETHEUS_URL:-http://127.0.0.1:9090}}
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }

exec python3 - "$url" "$here/dashboards" <<'PY'
import glob, json, os, re, sys, urllib.error, urllib.parse, urllib.request

url, directory = sys.argv[1].rstrip("/"), sys.argv[2]
MACROS = {"__rate_interval": "1m", "__interval": "15s", "__interval_ms": "15000", "__range": "6h",
          "__range_s": "21600", "__range_ms": "21600000"}

def get(path, params=None):
    full = url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(full, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        try:
            return json.load(e)
        except Exception:
            return {"status": "error", "error": f"HTTP {e.code}"}

try:
    build = get("/api/v1/status/buildinfo").get("data", {}).get("version", "?")
except Exception as e:
    print(f"Prometheus at {url} is not reachable: {e}", file=sys.stderr)
    sys.exit(2)
targets = get("/api/v1/targets").get("data", {}).get("activeTargets", [])
up = sorted(f'{t["labels"].get("service", t["labels"].get("job"))}={t["health"]}' for t in targets)
print(f"Prometheus {build} at {url}; targets: {', '.join(up) or 'none'}")

def variables(dashboard):
    values = {}
    for v in dashboard.get("templating", {}).get("list", []):
        current = v.get("current", {}).get("value")
        if isinstance(current, list):
            current = current[0] if current else "$__all"
        if current in (None, "", "$__all", "All"):
            current = v.get("allValue") or ".*"
        values[v["name"]] = current
    return values

def substitute(expr, values):
    def repl(m):
        name = m.group(1) or m.group(2) or m.group(3)
        name = name.split(":")[0]
        if name in MACROS:
            return MACROS[name]
        return values.get(name, ".*")
    return re.sub(r"\$\{([A-Za-z0-9_:]+)\}|\[\[([A-Za-z0-9_]+)\]\]|\$([A-Za-z_][A-Za-z0-9_]*)", repl, expr)

def panels(items):
    for p in items:
        if p.get("type") == "row":
            yield from panels(p.get("panels", []))
        else:
            yield p

failures, checked, allowed_empty = [], 0, 0
for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
    dashboard = json.load(open(path, encoding="utf-8"))
    values = variables(dashboard)
    allow = set(dashboard.get("govdata", {}).get("allowEmpty", []))
    print(f"\n{os.path.basename(path)}: {dashboard.get('title')}")
    for panel in panels(dashboard.get("panels", [])):
        title = panel.get("title", "(untitled)")
        targets = [t for t in panel.get("targets", []) if not t.get("hide")]
        if not targets:
            failures.append(f"{os.path.basename(path)} / {title}: no targets")
            print(f"  FAIL      {title}: no targets")
            continue
        for t in targets:
            expr = (t.get("expr") or "").strip()
            checked += 1
            label = f"{title} [{t.get('refId', '?')}]"
            if not expr:
                failures.append(f"{os.path.basename(path)} / {label}: empty expr")
                print(f"  FAIL      {label}: empty expr")
                continue
            query = substitute(expr, values)
            result = get("/api/v1/query", {"query": query})
            if result.get("status") != "success":
                failures.append(f"{os.path.basename(path)} / {label}: {result.get('error')}")
                print(f"  FAIL      {label}: {result.get('errorType', 'error')}: {result.get('error')}\n            {query}")
                continue
            data = result["data"]["result"]
            series = len(data) if isinstance(data, list) else 1
            if series == 0:
                if title in allow:
                    allowed_empty += 1
                    print(f"  EMPTY(ok) {label}: no series yet (listed in allowEmpty)")
                else:
                    failures.append(f"{os.path.basename(path)} / {label}: empty result")
                    print(f"  FAIL      {label}: empty result\n            {query}")
                continue
            sample = data[0]["value"][1] if isinstance(data, list) else data[1]
            print(f"  OK        {label}: {series} series (e.g. {sample})")

print(f"\n{checked} queries checked, {len(failures)} failed, {allowed_empty} empty but allowed")
if failures:
    print("Failing panels:")
    for f in failures:
        print(f"  - {f}")
    sys.exit(1)
PY
