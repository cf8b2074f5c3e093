#!/usr/bin/env python3
"""Builds the WebAssembly packages described in wasm-pack.toml.

For each [[target]]: `wasm-pack build --release --no-opt` with the [cargo] profile overrides
passed to cargo as `--config` (so the native CLI keeps Cargo.toml's release profile), then
wasm-opt with the [wasm-opt] flags, then (when the target asks for it) a Node smoke test that
loads the package and calls clean(). Prints each .wasm's size, raw and gzipped. For a target
with a `page_dir` (the page, www/), it then writes <out_dir>/precache.js: the page's files and
a version hashed from their contents, which the page's service worker (www/sw.js) caches. With
a `site_dir` as well (target/site/), it then writes the page as served: a copy of page_dir whose
scripts and styles esbuild minifies (each file on its own, with a source map that holds the
original text, so the browser's developer tools show the source), and its own precache.js.

    python3 scripts/build_wasm.py                 # every target
    python3 scripts/build_wasm.py --target web    # one target (repeatable)
    python3 scripts/build_wasm.py --precache-only # only rewrite precache.js and the site (after editing www/)

Needs the tools scripts/setup.sh installs: wasm-pack, wasm-bindgen-cli, npm's binaryen and esbuild.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_PATH = REPO_ROOT / "wasm-pack.toml"

# The keys build_wasm.py understands; anything else in wasm-pack.toml is a mistake (a typo
# would otherwise be silently ignored).
TOP_LEVEL_KEYS = {"out_name", "target", "cargo", "wasm-opt"}
TARGET_KEYS = {"name", "out_dir", "smoke_test", "page_dir", "site_dir"}
WASM_OPT_KEYS = {"binary", "flags"}

# The smoke test: load the package like a Node user would and clean a two-paragraph article.
SMOKE_TEST_JS = """
const analyzer = require(process.argv[1]);
const article = analyzer.clean("A headline\\n\\nThe first paragraph of the body, long enough to be a sentence.");
if (typeof article.text !== "string" || !Array.isArray(article.blocks) || article.blocks.length !== 2) {
  throw new Error("clean() returned an unexpected value: " + JSON.stringify(article));
}
let threw = false;
try { analyzer.clean(42); } catch (error) { threw = error instanceof Error; }
if (!threw) throw new Error("clean(42) did not throw an Error");
"""


class BuildError(Exception):
    """A problem the person running the build can fix; the message says how."""


@dataclass(frozen=True)
class Target:
    """One wasm-pack package to build."""

    name: str
    out_dir: Path
    smoke_test: bool
    page_dir: Path | None
    site_dir: Path | None


@dataclass(frozen=True)
class BuildConfig:
    """wasm-pack.toml, checked."""

    out_name: str
    targets: list[Target]
    cargo_config: list[str]
    wasm_opt_binary: Path
    wasm_opt_flags: list[str]


def main() -> int:
    config = load_config(CONFIG_PATH)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--target",
        action="append",
        choices=[target.name for target in config.targets],
        help="build only this target (repeatable); default: every target in wasm-pack.toml",
    )
    parser.add_argument(
        "--precache-only",
        action="store_true",
        help="only rewrite the service worker's precache.js and the site of the selected targets (no build)",
    )
    args = parser.parse_args()
    selected = [t for t in config.targets if args.target is None or t.name in args.target]

    try:
        if not args.precache_only:
            check_tools(config)
        for target in selected:
            if not args.precache_only:
                build_target(config, target)
            if target.page_dir is not None:
                write_precache_manifest(target.page_dir, target.out_dir)
                if target.site_dir is not None:
                    write_site(target)
    except BuildError as error:
        print(f"build_wasm.py: error: {error}", file=sys.stderr)
        return 1
    return 0


def load_config(path: Path) -> BuildConfig:
    """Reads wasm-pack.toml and rejects keys this script would not use."""
    with path.open("rb") as file:
        raw = tomllib.load(file)
    reject_unknown_keys(raw, TOP_LEVEL_KEYS, path.name)
    targets = []
    for entry in raw.get("target", []):
        reject_unknown_keys(entry, TARGET_KEYS, f"{path.name} [[target]]")
        targets.append(
            Target(
                name=entry["name"],
                out_dir=REPO_ROOT / entry["out_dir"],
                smoke_test=bool(entry.get("smoke_test", False)),
                page_dir=REPO_ROOT / entry["page_dir"] if "page_dir" in entry else None,
                site_dir=REPO_ROOT / entry["site_dir"] if "site_dir" in entry else None,
            )
        )
    if not targets:
        raise SystemExit(f"{path.name}: no [[target]] entries")
    wasm_opt = raw.get("wasm-opt", {})
    reject_unknown_keys(wasm_opt, WASM_OPT_KEYS, f"{path.name} [wasm-opt]")
    return BuildConfig(
        out_name=raw["out_name"],
        targets=targets,
        cargo_config=[f"{key}={toml_value(value)}" for key, value in flatten(raw.get("cargo", {}))],
        wasm_opt_binary=REPO_ROOT / wasm_opt["binary"],
        wasm_opt_flags=list(wasm_opt.get("flags", [])),
    )


def reject_unknown_keys(table: dict, known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise SystemExit(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")


def flatten(table: dict, prefix: str = ""):
    """Yields (dotted.key, value) for every leaf of a nested TOML table."""
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from flatten(value, dotted + ".")
        else:
            yield dotted, value


def toml_value(value) -> str:
    """Formats a leaf value the way cargo's `--config KEY=VALUE` expects (TOML syntax)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise SystemExit(f"wasm-pack.toml [cargo]: unsupported value {value!r} (use a string, integer or boolean)")


def check_tools(config: BuildConfig) -> None:
    """Fails early, with the fix, when a tool scripts/setup.sh installs is missing."""
    cargo_bin = Path.home() / ".cargo" / "bin"
    os.environ["PATH"] = f"{cargo_bin}{os.pathsep}{os.environ.get('PATH', '')}"
    for tool in ("cargo", "wasm-pack", "wasm-bindgen"):
        if shutil.which(tool) is None:
            raise BuildError(f"`{tool}` is not installed; run ./scripts/setup.sh")
    if not config.wasm_opt_binary.exists():
        raise BuildError(f"{config.wasm_opt_binary.relative_to(REPO_ROOT)} is missing; run ./scripts/setup.sh")
    if any(t.smoke_test for t in config.targets) and shutil.which("node") is None:
        raise BuildError("`node` is not installed (needed for the smoke test); run ./scripts/setup.sh")


def build_target(config: BuildConfig, target: Target) -> None:
    print(f"==> wasm-pack build --target {target.name} -> {target.out_dir.relative_to(REPO_ROOT)}", flush=True)
    command = [
        "wasm-pack", "build", "--release",
        "--no-opt",  # wasm-opt runs below, with the binary and flags of wasm-pack.toml
        "--target", target.name,
        "--out-dir", str(target.out_dir),
        "--out-name", config.out_name,
        str(REPO_ROOT),
        "--",
    ]
    for setting in config.cargo_config:
        command += ["--config", setting]
    run(command)

    wasm_path = target.out_dir / f"{config.out_name}_bg.wasm"
    if not wasm_path.exists():
        raise BuildError(f"wasm-pack did not produce {wasm_path}")
    print(f"==> wasm-opt {' '.join(config.wasm_opt_flags)}", flush=True)
    optimized = wasm_path.with_suffix(".opt.wasm")
    run([str(config.wasm_opt_binary), str(wasm_path), "-o", str(optimized), *config.wasm_opt_flags])
    optimized.replace(wasm_path)

    if target.smoke_test:
        print("==> smoke test: require() the package and call clean()", flush=True)
        run(["node", "-e", SMOKE_TEST_JS, str(target.out_dir / f"{config.out_name}.js")])

    raw_bytes = wasm_path.read_bytes()
    gzip_size = len(gzip.compress(raw_bytes, compresslevel=9))
    print(
        f"==> {wasm_path.relative_to(REPO_ROOT)}: {len(raw_bytes):,} bytes, {gzip_size:,} bytes gzipped",
        flush=True,
    )


# The page's files the service worker caches: what the page and the embeddable element load.
PRECACHE_SUFFIXES = {".html", ".js", ".css", ".wasm", ".svg", ".png", ".webmanifest"}
# sw.js is the service worker itself and precache.js is imported by it: the browser keeps
# both with the registration. The .d.ts files are for TypeScript users, not the page.
PRECACHE_EXCLUDED = {"sw.js", "precache.js"}


def write_precache_manifest(page_dir: Path, out_dir: Path) -> None:
    """Writes <out_dir>/precache.js: `self.PRECACHE = {version, files}` for sw.js.

    `files` are the page's files relative to page_dir; `version` hashes their names and
    contents (and sw.js), so any change to the page installs a new cache.
    """
    files = sorted(
        path
        for path in page_dir.rglob("*")
        if path.is_file() and path.suffix in PRECACHE_SUFFIXES and path.name not in PRECACHE_EXCLUDED
        and not path.name.endswith(".d.ts")
    )
    if not (out_dir / "article_analyzer_bg.wasm").exists():
        raise BuildError(f"{out_dir.relative_to(REPO_ROOT)} holds no package; build it first")
    digest = hashlib.sha256()
    for path in [*files, page_dir / "sw.js"]:
        digest.update(path.relative_to(page_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    manifest = {
        "version": digest.hexdigest()[:16],
        "files": [path.relative_to(page_dir).as_posix() for path in files],
    }
    out = out_dir / "precache.js"
    out.write_text(
        "// Written by scripts/build_wasm.py: the files www/sw.js caches for offline use.\n"
        f"self.PRECACHE = {json.dumps(manifest, indent=2)};\n"
    )
    gzipped = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in files)
    print(
        f"==> {out.relative_to(REPO_ROOT)}: {len(files)} files, {gzipped:,} bytes gzipped, version {manifest['version']}",
        flush=True,
    )


# What esbuild minifies in the site: every script and style sheet of the page, the package's
# JavaScript glue included (precache.js is written afterwards, for the site's files). Nothing is bundled: each file stays a module of its own, at its own
# path, so the site is the page's layout file for file.
MINIFIED_SUFFIXES = {".js", ".css"}
ESBUILD = REPO_ROOT / "node_modules" / ".bin" / "esbuild"


def write_site(target: Target) -> None:
    """Writes <site_dir>: page_dir copied, its scripts and styles minified, and its precache.js.

    Minifying (white space, comments, local names) takes the page's scripts and styles from
    about 52 KB to about 31 KB gzipped; each minified file links a source map (`.map`, not in
    the offline cache: the developer tools fetch it when opened) that holds the original text.
    """
    page_dir, site_dir = target.page_dir, target.site_dir
    if not ESBUILD.exists():
        raise BuildError(f"{ESBUILD.relative_to(REPO_ROOT)} is missing; run ./scripts/setup.sh")
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.copytree(page_dir, site_dir)
    sources = sorted(
        path.relative_to(page_dir).as_posix()
        for path in page_dir.rglob("*")
        if path.is_file() and path.suffix in MINIFIED_SUFFIXES and path.name != "precache.js"
    )
    print(f"==> esbuild --minify: {len(sources)} files -> {site_dir.relative_to(REPO_ROOT)}", flush=True)
    # One esbuild run for every file; --outbase keeps each file's path under page_dir.
    result = subprocess.run(
        [str(ESBUILD), *sources, "--minify", "--sourcemap", "--log-level=warning",
         "--outbase=.", f"--outdir={site_dir}", "--allow-overwrite"],
        cwd=page_dir,
    )
    if result.returncode != 0:
        raise BuildError(f"esbuild could not minify the page (exit status {result.returncode}); its message is above")
    write_precache_manifest(site_dir, site_dir / target.out_dir.relative_to(page_dir))


def run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=REPO_ROOT)
    if result.returncode != 0:
        raise BuildError(f"`{' '.join(command)}` failed with exit status {result.returncode}")


if __name__ == "__main__":
    sys.exit(main())
