# The built page's files by when a browser fetches them, for scripts/test, size and bench-browser
# (sourced): a first visit's code, fetched before its first page shows, and the pages' pieces
# (scripts/split-build.mjs), fetched at their first use or by the service worker after.
first_visit_code() {
  ls dist/portal-app-*_bg.wasm dist/portal-app-*.js dist/__wasm_split-*.js
}

page_pieces() {
  ls dist/split_*.wasm dist/chunk_*.wasm
}

# The bytes of the files named on standard input, or of their copies ending in $1 (.br, .gz).
bytes_of() {
  local suffix="${1:-}" total=0 file
  while read -r file; do
    total=$((total + $(stat -c %s "$file$suffix")))
  done
  echo "$total"
}
