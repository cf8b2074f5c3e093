#!/usr/bin/env bash
# Shows that analysis time grows linearly with the input: times cleaning + quote extraction of
# one article of 1, 10 and 100 MB (examples/bench_scaling.rs) and prints MB/s per size, which
# should stay about level. Also prints the run's peak memory when /usr/bin/time is there.
#   scripts/bench_scaling.sh [--sizes 1,10,100] [--runs 3]
# A benchmark, not a test (not part of scripts/test.sh); figures go to docs/limits.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release --quiet --example bench_scaling
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak memory: %M KB (whole run), wall time: %e s" \
    target/release/examples/bench_scaling "$@"
else
  target/release/examples/bench_scaling "$@"
fi
