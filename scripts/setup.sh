#!/usr/bin/env bash
# Installs everything article-analyzer needs to build, serve and test, from the registries
# this machine reaches (crates.io, PyPI, npm, Debian). Idempotent: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned versions. WASM_BINDGEN_VERSION must equal the `wasm-bindgen = "=X"` pin in Cargo.toml:
# the CLI refuses modules from a different crate version ("schema versions must exactly match").
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
WASM_PACK_VERSION=0.15.1

log() { printf '[setup] %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"

# Prerequisites this script does not install: say what is missing instead of failing later.
command -v cargo >/dev/null 2>&1 || { log "cargo is missing: install Rust with rustup first"; exit 1; }
command -v node >/dev/null 2>&1 || { log "node is missing: install Node.js 18+ first"; exit 1; }
python3 -c 'import tomllib, venv, ensurepip' 2>/dev/null \
  || { log "python3 3.11+ with venv is missing (scripts/build_wasm.py reads wasm-pack.toml with tomllib; the Python package is built and tested in a virtual environment; on Debian: apt-get install python3-venv)"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # Not --locked: a locked dependency of this release is missing from the registry index.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  log "installing wasm-pack $WASM_PACK_VERSION (a few minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

# Debian packages, with one `apt-get update` for all of them.
apt_updated=false
apt_install() {
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  if [ "$apt_updated" = false ]; then $SUDO apt-get update -qq; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  log "installing Debian's chromium and chromium-driver"
  apt_install chromium chromium-driver
fi

# The Python package (python/): its build and test tools live in the project's own virtual
# environment, .venv/, at the versions pinned in python/requirements-dev.txt. The copy of that
# file kept inside .venv says whether the pins changed since the last install.
if [ ! -x .venv/bin/python ]; then
  log "creating the virtual environment .venv"
  python3 -m venv .venv
fi
if ! cmp -s python/requirements-dev.txt .venv/requirements-dev.installed; then
  log "installing python/requirements-dev.txt into .venv (maturin, pytest, pandas, pyarrow, pyspark: about 900 MB the first time)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
  cp python/requirements-dev.txt .venv/requirements-dev.installed
fi
# Spark (pyspark 4) runs on a Java 17+ runtime.
if ! command -v java >/dev/null 2>&1; then
  log "installing Debian's openjdk-17-jre-headless (for Spark)"
  apt_install openjdk-17-jre-headless
fi

# npm tools: binaryen's wasm-opt (Debian's is too old for this wasm-bindgen), esbuild (minifies
# the page's scripts and styles into target/site; its binary comes in an npm package) and
# playwright-core (drives Debian's chromium; downloads no browser).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] \
   || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

log "ready"
