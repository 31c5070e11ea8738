#!/usr/bin/env bash
# Compares this working tree's startup with another commit's, in alternating JVMs on the
# same machine at the same time (startup figures of separate runs differ by more than most
# changes do): SpringApplication.run through the starter with a configured credential, and
# JVM start to the first token. Usage: benchmarks/compare-startup.sh COMMIT [--rounds=N]
# The other commit is built in a git worktree under benchmarks/target/ (removed afterwards);
# both builds start this build's probe (StartupProbe) on their own class path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ $# -lt 1 ]]; then
	echo "Usage: benchmarks/compare-startup.sh COMMIT [--rounds=N]" >&2
	exit 2
fi
commit="$(git rev-parse --short "$1")"
shift
./mvnw -B -q -pl benchmarks -am package -DskipTests
worktree="$root/benchmarks/target/baseline-$commit"
rm -rf "$worktree"
git worktree prune
git worktree add -q --detach "$worktree" "$commit"
trap 'git worktree remove --force "$worktree"' EXIT
(cd "$worktree" && ./mvnw -B -q -pl benchmarks -am package -DskipTests)
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
baseline="$root/benchmarks/target/classes:$(cat "$worktree/benchmarks/target/classpath.txt")"
java -Xms512m -Xmx1g -cp "$classpath" io.github.entraidentity.benchmarks.StartupComparison \
	"--baseline=$baseline" "--label=$commit" "$@"
