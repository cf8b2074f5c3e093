#!/usr/bin/env bash
# Builds the page's wasm package and the page as served (target/site: www/ with its scripts
# and styles minified) and serves it on this machine only:
#   ./scripts/serve.sh            -> http://127.0.0.1:8080/
#   PORT=9000 ./scripts/serve.sh  -> http://127.0.0.1:9000/
# Installs missing tools first (scripts/setup.sh; a no-op when everything is there).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8080}"

./scripts/setup.sh
python3 scripts/build_wasm.py --target web

echo
echo "Open http://127.0.0.1:${PORT}/   (Ctrl+C stops the server)"
echo

# http.server with explicit types: the .wasm must be served as application/wasm (streaming
# compilation requires it) and ES modules as text/javascript, whatever /etc/mime.types says.
# no-cache so a rebuilt package is picked up on reload.
exec python3 - "$PORT" <<'PY'
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


port = int(sys.argv[1])
handler = functools.partial(Handler, directory="target/site")
with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
PY
