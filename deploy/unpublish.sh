#!/usr/bin/env bash
# Removes a merge request's preview from the server: all of DEPLOY_PATH,
# which publish.sh made. Only a folder publish.sh made is removed (one with
# `current` and `releases/` and nothing else), so a wrong DEPLOY_PATH
# cannot take anything else with it. Same CI/CD variables as publish.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/connection.sh

on_server '
    [ -e "$1" ] || exit 0
    cd "$1"
    if [ "$(ls -A | sort | tr "\n" " ")" != "current releases " ] || [ ! -L current ]; then
        echo "$1 ser inte ut som en publicering från deploy/publish.sh; inget togs bort." >&2
        exit 1
    fi
    cd / && rm -rf "$1"
    echo "Borttagen: $1"' "$DEPLOY_PATH"
