#!/usr/bin/env bash
# Validate docker-compose.yml without a Docker engine.
#
# Uses `docker compose` (v2) when present, else `docker-compose` (v1); when
# neither exists, installs Debian's docker-compose v1 client with apt (root).
# Secrets are filled with dummy values, so this checks the file, not a setup.
# Exits non-zero when the file is invalid.
#
#   scripts/validate-compose.sh [path/to/docker-compose.yml]
set -euo pipefail

# A path given as argument is relative to the caller's directory; the default
# is the repository's own docker-compose.yml.
if [ $# -gt 0 ]; then
    file="$(realpath -- "$1")"
fi
cd "$(dirname "$0")/.."
file="${file:-docker-compose.yml}"

if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
else
    echo "validate-compose: no compose client; installing docker-compose (v1) via apt" >&2
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get install -y --no-install-recommends docker-compose >/dev/null; then
        "${sudo[@]}" apt-get update >/dev/null
        "${sudo[@]}" apt-get install -y --no-install-recommends docker-compose >/dev/null
    fi
    compose=(docker-compose)
fi
echo "validate-compose: $("${compose[@]}" version 2>/dev/null | head -n1)" >&2

# Dummy values for the variables the file requires (${VAR:?...}); anything
# already set in the environment wins. Only used for interpolation here.
export SECRET_KEY="${SECRET_KEY:-validate-only-dummy-secret-key-not-used-anywhere-0123456789}"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-validate-only-dummy}"

# --quiet: validate only; a non-zero exit (bad schema, bad interpolation,
# missing required variable) propagates through `set -e`.
"${compose[@]}" -f "$file" config --quiet
echo "validate-compose: $file is valid" >&2
