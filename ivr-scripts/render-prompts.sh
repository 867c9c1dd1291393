#!/usr/bin/env bash
# Renders every prompt in prompts.yaml to prompts-rendered/<name>.wav (8 kHz mono) with espeak-ng and sox, for
# development and tests. Usage: ivr-scripts/render-prompts.sh [--only a,b] [scripts-dir] [output-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"${root}/mvnw" -q -f "${root}/pom.xml" -DskipTests compile exec:java \
    -Dexec.mainClass=org.hotline12333.ivr.PromptRenderer -Dexec.args="$*"
