# Sourced by the CI scripts that run under other JDKs than the build's: finds installed JDKs by feature version.

# The feature version (17, 21, 25) of the JDK at $1
feature_version() {
	"$1/bin/java" -XshowSettings:properties -version 2>&1 |
		awk -F' = ' '/java.specification.version/ { print $2 }' | cut -d. -f1
}

# Prints "<version> <path>" for each installed JDK of feature version $1 or newer, one per feature version (the first
# found of each), oldest first, looking at the given candidates and /usr/lib/jvm
jdks_from() {
	local minimum="$1"
	shift
	local candidate version
	declare -A seen=()
	for candidate in "$@" /usr/lib/jvm/*; do
		[[ -n "$candidate" && -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
		version="$(feature_version "$candidate")"
		if [[ "$version" =~ ^[0-9]+$ ]] && ((version >= minimum)) && [[ -z "${seen[$version]:-}" ]]; then
			seen[$version]=1
			echo "$version $candidate"
		fi
	done | sort -n
}
