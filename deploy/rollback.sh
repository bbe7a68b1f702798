#!/usr/bin/env bash
# Points the intranet's site back at an earlier release, atomically, as
# publish.sh switches forward: usage: deploy/rollback.sh [release]
# Without a release: the one deployed before the current (by sequence number).
# Same CI/CD variables as publish.sh, and DEPLOY_DOTENV likewise.
# To list the releases: ssh to the server and `ls DEPLOY_PATH/releases`.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/connection.sh
source deploy/served.sh

on_server '
    cd "$1"
    now="$(basename "$(readlink current)")"
    back="$2"
    if [ -z "$back" ]; then
        back="$(releases_in_order | awk -v now="$now" "\$0 == now { print previous; exit } { previous = \$0 }")"
    fi
    case "$back" in */* | .*) echo "Ingen version heter $back." >&2; exit 1 ;; esac
    if [ -z "$back" ] || [ ! -d "releases/$back" ]; then
        echo "Det finns ingen tidigare version att gå tillbaka till (nu: $now)." >&2
        exit 1
    fi
    ln -s "releases/$back" .current-new
    mv -T .current-new current
    echo "Återställd: $1/releases/$back (var $now)."' "$DEPLOY_PATH" "${1:-}"
show_served
