#!/usr/bin/env bash
# Opens the public open-data portal through the gateway in headless Chromium, the way a citizen's
# browser does (no token), checks that each page shows what it must, and saves screenshots to
# docs/screenshots/portal-*.png. Needs the running stack (./govdata up), chromium and jq.
#
#   open-data-service/portal/check-portal.sh            # screenshots into docs/screenshots/
#   SCREENSHOT_DIR=/tmp/shots open-data-service/portal/check-portal.sh
#
# Exits non-zero, naming the page and the missing text, when a page lacks expected content.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -f "$ROOT/.govdata/endpoints.env" ]]; then
  set -a; . "$ROOT/.govdata/endpoints.env"; set +a
fi
GATEWAY_URL="${GATEWAY_URL:?GATEWAY_URL is not set: run ./govdata up first (it writes .govdata/endpoints.env)}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
SHOTS="${SCREENSHOT_DIR:-$ROOT/docs/screenshots}"
PORTAL="$GATEWAY_URL/api/open-data/public/portal"
failures=0

die() { echo "check-portal: $*" >&2; exit 2; }
[[ -x "$CHROMIUM" ]] || die "chromium not found (Debian: apt-get install -y chromium; or set CHROMIUM=/path/to/chrome)"
command -v jq >/dev/null || die "jq not found (apt-get install -y jq)"

# Without a CJK font Chromium draws every Chinese character as an empty box ("tofu"): the DOM
# checks would still pass, but the screenshot would show nothing a reviewer can read.
if ! fc-list :lang=zh family 2>/dev/null | grep -q .; then
  echo "check-portal: no Chinese font installed; the screenshots would show boxes instead of text." >&2
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y fonts-wqy-microhei >&2 || true
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get install -y fonts-wqy-microhei >&2 || true
  fi
  fc-list :lang=zh family 2>/dev/null | grep -q . \
    || die "install a Chinese font and run again: sudo apt-get install -y fonts-wqy-microhei"
fi

curl -fsS -o /dev/null "$PORTAL" || die "the portal does not answer at $PORTAL (is the stack up? ./govdata status)"
mkdir -p "$SHOTS"
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT

browser() {
  # --no-sandbox: containers and CI runners usually run as root, where Chromium's sandbox refuses to start.
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$PROFILE" \
    --window-size=1280,1600 "$@" 2>/dev/null
}

# check <name> <url> <expected text>...: renders the page, asserts each text is in the DOM, screenshots it.
check() {
  local name="$1" url="$2"; shift 2
  local dom missing=()
  dom="$(browser --dump-dom "$url")" || { echo "FAIL $name: chromium could not load $url" >&2; failures=$((failures + 1)); return; }
  for text in "$@"; do
    grep -qF -- "$text" <<<"$dom" || missing+=("$text")
  done
  if grep -qi '<script' <<<"$dom"; then
    missing+=("(no <script> on the portal)")
  fi
  browser --screenshot="$SHOTS/portal-$name.png" "$url" >/dev/null
  [[ -s "$SHOTS/portal-$name.png" ]] || missing+=("(screenshot $SHOTS/portal-$name.png)")
  if ((${#missing[@]})); then
    echo "FAIL $name ($url) lacks: ${missing[*]}" >&2
    failures=$((failures + 1))
  else
    echo "ok   $name -> $SHOTS/portal-$name.png"
  fi
}

api() { curl -fsS "$GATEWAY_URL/api/open-data/public/$1"; }
urlencode() { jq -rn --arg v "$1" '$v|@uri'; }

KEYWORD="${PORTAL_KEYWORD:-食品经营许可}"
# A published unconditional dataset matching the keyword (the last one: the newest resource code).
open_id="$(api "datasets?q=$(urlencode "$KEYWORD")&openType=UNCONDITIONAL&size=100" \
  | jq -r '[.items[] | select(.links != null)] | last | .entryId // empty')"
conditional_id="$(api "datasets?openType=CONDITIONAL&size=100" | jq -r '.items | last | .entryId // empty')"
not_open="$(api "not-open?size=1")"

check home "$PORTAL?q=$(urlencode "$KEYWORD")" \
  "公共数据开放平台" 'id="search"' "value=\"$KEYWORD\"" "开放数据集" "$KEYWORD" 'id="not-open"' "不予开放理由" "法律依据"

if [[ -n "$open_id" ]]; then
  check dataset "$PORTAL/datasets/$open_id" \
    "$open_id" "无条件开放" "提供部门" "已脱敏字段" "下载 CSV" "下载 JSON" "/download?format=csv" "须注明数据来源和获取日期"
else
  echo "FAIL dataset: no published unconditional dataset matches '$KEYWORD' (publish one, e.g. by running OpenDataSystemTest)" >&2
  failures=$((failures + 1))
fi

if [[ -n "$conditional_id" ]]; then
  check conditional "$PORTAL/datasets/$conditional_id" \
    "$conditional_id" "有条件开放" "有条件开放申请" 'id="application-form"' "安全保障措施" "数据利用协议"
else
  echo "FAIL conditional: no conditionally open dataset is listed" >&2
  failures=$((failures + 1))
fi

if [[ "$(jq -r '.totalItems' <<<"$not_open")" -gt 0 ]]; then
  # The first row of the portal's not-open page is the API's first item: its reason and basis must show.
  first_reason="$(jq -r '.items[0].reason // empty' <<<"$not_open")"
  first_basis="$(jq -r '.items[0].legalBasis // empty' <<<"$not_open")"
  expected=("不予开放数据" "不予开放理由" "$(jq -r '.items[0].name' <<<"$not_open")")
  [[ -n "$first_basis" ]] && expected+=("$first_basis")
  [[ -n "$first_reason" ]] && expected+=("$first_reason")
  check not-open "$PORTAL/not-open" "${expected[@]}"
else
  echo "FAIL not-open: no not-open dataset is listed" >&2
  failures=$((failures + 1))
fi

if ((failures)); then
  echo "check-portal: $failures page(s) failed" >&2
  exit 1
fi
echo "check-portal: all portal pages render with the expected content; screenshots in $SHOTS"
