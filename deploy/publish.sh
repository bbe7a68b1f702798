#!/usr/bin/env bash
# Publishes a built site to the intranet's web server, so that readers never
# see half of it: usage: deploy/publish.sh [site-folder]
#
# On the server, under DEPLOY_PATH:
#   releases/<time>-<commit>/   one folder per deploy, the newest DEPLOY_KEEP (default 5) kept
#   current -> releases/…       what nginx serves (deploy/nginx/samverkan.conf)
#
# The new release is sent into releases/.partial-…/ with rsync, hard-linking
# every file that is unchanged since the current release (--link-dest), so
# only what changed crosses the network and disk use grows by that alone.
# Only when everything has arrived is the folder renamed and `current`
# switched, by renaming a new link over the old one: a single atomic step.
# A deploy that stops before that leaves the live site as it was; the next
# one removes what it left behind. deploy/rollback.sh switches back.
#
# Connection: the CI/CD variables in deploy/connection.sh. Also:
#   DEPLOY_KEEP           how many releases to keep (default 5)
#   DEPLOY_RSYNC_OPTIONS  extra rsync options, e.g. --bwlimit=5000 on a slow link
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-site}"
if [ ! -f "$site/index.html" ]; then
    echo "$site/index.html saknas; bygg webbplatsen först (make build)." >&2
    exit 2
fi
keep="${DEPLOY_KEEP:-5}"
source deploy/connection.sh

# Sorted by time; the commit says what it holds.
release="$(date -u +%Y%m%dT%H%M%S.%3NZ)-${CI_COMMIT_SHORT_SHA:-local}"

# Ready the folder, clear what a stopped deploy left, and learn the current release.
current="$(on_server '
    mkdir -p "$1/releases"
    rm -rf "$1"/releases/.partial-*
    if [ -L "$1/current" ]; then basename "$(readlink "$1/current")"; fi' "$DEPLOY_PATH")"

link_dest=()
[ -n "$current" ] && link_dest=(--link-dest="../$current")
# --checksum: files are compared by content, since every build writes new
# modification times. Permissions are set, not copied, so nginx can read.
# shellcheck disable=SC2086 # DEPLOY_RSYNC_OPTIONS is a list of options
rsync --recursive --links --perms --chmod=D755,F644 --checksum --delete --stats \
    "${link_dest[@]}" ${DEPLOY_RSYNC_OPTIONS:-} \
    -e "${ssh_command[*]}" "$site/" "$remote:$DEPLOY_PATH/releases/.partial-$release/"

on_server '
    cd "$1"
    mv "releases/.partial-$2" "releases/$2"
    ln -s "releases/$2" .current-new
    mv -T .current-new current
    # The newest $3 releases stay, for deploy/rollback.sh.
    ls -1 releases | sort -r | tail -n +"$(($3 + 1))" | while read -r old; do rm -rf "releases/$old"; done' \
    "$DEPLOY_PATH" "$release" "$keep"
echo "Publicerad: $DEPLOY_PATH/releases/$release (current)."
