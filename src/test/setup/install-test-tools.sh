#!/usr/bin/env bash
# Installs the Debian packages the tests need (listed in debian-packages) when their command is missing, then the
# Vosk model the model tests use (install-vosk-model.sh), so that `./mvnw verify` works on a fresh machine. Run by
# Maven before the tests; safe to run by hand.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

install_packages() {
    local missing=()
    while read -r command package; do
        [[ -z "${command}" || "${command}" == \#* ]] && continue
        command -v "${command}" >/dev/null 2>&1 || missing+=("${package}")
    done < "${here}/debian-packages"

    [[ ${#missing[@]} -eq 0 ]] && return 0

    if ! command -v apt-get >/dev/null 2>&1; then
        echo "test tools missing and no apt-get to install them: ${missing[*]} (tests that need them will fail)" >&2
        return 0
    fi
    local sudo=""
    if [[ "$(id -u)" != "0" ]]; then
        if sudo -n true 2>/dev/null; then
            sudo="sudo -n"
        else
            echo "test tools missing and no root to install them: ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2
            return 0
        fi
    fi
    echo "installing test tools: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    local log
    log="$(mktemp)"
    if ! { ${sudo} apt-get update -qq && ${sudo} apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"${log}" 2>&1; then
        cat "${log}" >&2
        echo "could not install ${missing[*]} (tests that need them will fail)" >&2
    fi
    rm -f "${log}"
}

install_packages
bash "${here}/install-vosk-model.sh"
exit 0
