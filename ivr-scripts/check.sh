#!/usr/bin/env bash
# Checks the IVR scripts in this directory (or the one given) without starting the service: every problem is
# printed as file:line: message. Usage: ivr-scripts/check.sh [--skill-groups a,b] [--posts x,y] [directory]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
args=("$@")
[[ ${#args[@]} -gt 0 && "${args[-1]}" != --* && -d "${args[-1]}" ]] || args+=("${root}/ivr-scripts")
"${root}/mvnw" -q -f "${root}/pom.xml" -DskipTests compile exec:java \
    -Dexec.mainClass=org.hotline12333.ivr.IvrScriptCheck -Dexec.args="${args[*]}"
