#!/usr/bin/env bash
# Points the intranet's site back at an earlier release, atomically, as
# publish.sh switches forward: usage: deploy/rollback.sh [release]
# Without a release: the one before the current. Same CI/CD variables as publish.sh.
# To list the releases: ssh to the server and `ls DEPLOY_PATH/releases`.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/connection.sh

on_server '
    cd "$1"
    now="$(basename "$(readlink current)")"
    back="$2"
    if [ -z "$back" ]; then
        back="$(ls -1 releases | sort -r | grep -A1 -x -F "$now" | sed -n 2p)"
    fi
    if [ -z "$back" ] || [ ! -d "releases/$back" ]; then
        echo "Det finns ingen tidigare version att gå tillbaka till (nu: $now)." >&2
        exit 1
    fi
    ln -s "releases/$back" .current-new
    mv -T .current-new current
    echo "Återställd: $1/releases/$back (var $now)."' "$DEPLOY_PATH" "${1:-}"
