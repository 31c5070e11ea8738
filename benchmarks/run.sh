#!/usr/bin/env bash
# Builds the benchmarks module and runs every measurement against every subject in one run,
# then writes benchmarks/RESULTS.md. Usage: benchmarks/run.sh [--quick]
# (--quick is a smoke run of about two minutes whose figures mean nothing.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command="benchmarks/run.sh${*:+ $*}"
./mvnw -B -q -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
output="benchmarks/RESULTS.md"
if [[ " $* " == *" --quick "* ]]; then
	output="benchmarks/target/RESULTS-quick.md"
fi
# The startup rows also start a small app on the starter's own class path
small_app="benchmarks/target/classes:$(ls starter/target/entra-identity-spring-boot-starter-*.jar | grep -v -e sources -e javadoc):$(cat starter/target/classpath.txt)"
java -Xms512m -Xmx1g -cp "$classpath" "-Dstartup.small-app.class-path=$small_app" \
	io.github.entraidentity.benchmarks.BenchmarkRunner \
	"--output=$output" "--command=$command" "$@" 2>&1 | tee benchmarks/target/benchmark.log
