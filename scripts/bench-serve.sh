# Sourced by scripts/bench-http and scripts/bench-browser: wrk (Debian's package), the release
# `portal serve` on loopback, and what it sends of the page.

# Installs Debian's wrk when it is missing.
need_wrk() {
  command -v wrk >/dev/null && return
  echo "[bench] installing Debian's wrk" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq wrk >&2
}

# Starts target/release/portal serve on 127.0.0.1:PORT over DB with the page in DIST and waits
# until it listens. Its bootstrap JSON and log go to $work/PORT.json and $work/PORT.log, its
# process ID onto the array `servers`: the caller owns $work and stops them.
serve() {
  local port="$1" db="$2" dist="$3"
  target/release/portal serve --listen "127.0.0.1:$port" --db "$db" --rate-limit 0 \
    --dist "$dist" >"$work/$port.json" 2>"$work/$port.log" &
  servers+=($!)
  for _ in $(seq 300); do
    grep -q listening "$work/$port.log" && return
    # Gone already (the port taken, say): no use waiting.
    kill -0 "${servers[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "[bench] the server on port $port did not start:" >&2
  cat "$work/$port.log" >&2
  exit 1
}

# The page as the server at URL sends it: a small file of it (/index.html) over one keep-alive
# connection for DURATION seconds, then what a first visit downloads to a browser that accepts
# brotli and gzip: index.html, every file it names, the split loader the page's script imports
# and the service worker the page registers, each as sent.
served_page() {
  local url="$1" duration="$2" total=0 path sent status bytes encoding
  echo "[bench] GET /index.html, 1 thread, 1 keep-alive connection, ${duration}s"
  wrk -t1 -c1 -d"${duration}s" --latency "$url/index.html" | tee "$work/index-wrk.txt"
  echo "[bench] /index.html over one keep-alive connection: $(grep 'Requests/sec' "$work/index-wrk.txt" | awk '{print $2}') requests/s"
  echo "[bench] first visit, as sent to a browser that accepts br and gzip:"
  local named script
  named="$(curl -s "$url/index.html" | grep -oE '/[A-Za-z0-9_./-]+\.(css|js|wasm|svg)' | sort -u)"
  script="$(grep -E '^/portal-app-[0-9a-f]+\.js$' <<<"$named")"
  for path in /index.html $named $(curl -s "$url$script" | grep -oE '__wasm_split-[0-9a-f]+\.js' | sort -u | sed 's|^|/|') /sw.js; do
    sent="$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -D - -w '%{http_code} %{size_download}' "$url$path")"
    read -r status bytes <<<"$(tail -n1 <<<"$sent")"
    if [ "$status" != 200 ]; then
      echo "[bench] $path answered $status: the page names a file the server does not send" >&2
      exit 1
    fi
    encoding="$(grep -i '^content-encoding:' <<<"$sent" | awk '{print $2}' | tr -d '\r')"
    echo "  $path: $bytes bytes (${encoding:-identity})"
    total=$((total + bytes))
  done
  echo "[bench] first visit, as sent to a browser that accepts br and gzip: $total bytes"
}
