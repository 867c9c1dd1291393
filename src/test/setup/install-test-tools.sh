#!/usr/bin/env bash
# Installs the Debian packages the tests need (listed in debian-packages) when their command is missing, so that
# `./mvnw verify` works on a fresh machine. Run by Maven before the tests; safe to run by hand.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

missing=()
while read -r command package; do
    [[ -z "${command}" || "${command}" == \#* ]] && continue
    command -v "${command}" >/dev/null 2>&1 || missing+=("${package}")
done < "${here}/debian-packages"

[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "test tools missing and no apt-get to install them: ${missing[*]} (tests that need them will fail)" >&2
    exit 0
fi
sudo=""
if [[ "$(id -u)" != "0" ]]; then
    if sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "test tools missing and no root to install them: ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
        exit 0
    fi
fi
echo "installing test tools: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
if ! { ${sudo} apt-get update -qq && ${sudo} apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"${log}" 2>&1; then
    cat "${log}" >&2
    echo "could not install ${missing[*]} (tests that need them will fail)" >&2
fi
rm -f "${log}"
exit 0
