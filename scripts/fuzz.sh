#!/usr/bin/env bash
# Fuzzes the analyzer with cargo-fuzz (libFuzzer, nightly Rust): each target in turn, one
# process on one core, for the given number of seconds (default 600).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Targets (fuzz/fuzz_targets/): analyze_one, analyze_many, clean, extract_quotes, diff_texts, html; all by default.
# Installs what it needs once (the nightly toolchain, cargo-fuzz 0.13.2). Each target starts
# from its committed seeds (fuzz/seeds/TARGET/) and the working corpus it grew before
# (fuzz/corpus/TARGET/, not committed). Inputs are at most MAX_LEN bytes (64 KiB); one that
# runs longer than TIMEOUT seconds counts as a failure, like a crash. A failing input is saved
# under fuzz/artifacts/TARGET/; minimize it with
#   cargo +nightly fuzz tmin TARGET fuzz/artifacts/TARGET/crash-...
# and add it to tests/fuzz_regressions.rs once fixed. Not part of scripts/test.sh.
# Exits non-zero when any target failed, after running all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_PER_TARGET="${1:-600}"
shift || true
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (seconds >= 1, default 600)" >&2
  exit 2
fi
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(analyze_one analyze_many clean extract_quotes diff_texts html)
fi
MAX_LEN=65536
TIMEOUT=10
CARGO_FUZZ_VERSION=0.13.2

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "==> installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "==> installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

echo "==> building the fuzz targets"
cargo +nightly fuzz build

failed=()
for target in "${TARGETS[@]}"; do
  if [ ! -f "fuzz/fuzz_targets/$target.rs" ]; then
    echo "no fuzz target named $target (see fuzz/fuzz_targets/)" >&2
    exit 2
  fi
  mkdir -p "fuzz/corpus/$target"
  echo
  echo "==> $target: ${SECONDS_PER_TARGET} s, inputs up to $MAX_LEN bytes, ${TIMEOUT} s per input"
  started=$SECONDS
  if cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
      -max_len="$MAX_LEN" -timeout="$TIMEOUT" -max_total_time="$SECONDS_PER_TARGET" \
      -print_final_stats=1; then
    echo "==> $target: no failure in $((SECONDS - started)) s"
  else
    echo "==> $target: FAILED after $((SECONDS - started)) s; the input is in fuzz/artifacts/$target/"
    failed+=("$target")
  fi
done

echo
if [ ${#failed[@]} -eq 0 ]; then
  echo "fuzzing: ${#TARGETS[@]} target(s), ${SECONDS_PER_TARGET} s each, no failure"
else
  echo "fuzzing: failed: ${failed[*]}"
  exit 1
fi
