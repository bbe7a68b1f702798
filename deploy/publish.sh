#!/usr/bin/env bash
# Publishes a built site to the intranet's web server, so that readers never
# see half of it: usage: deploy/publish.sh [site-folder]
#
# On the server, under DEPLOY_PATH:
#   releases/<sequence>-<commit>/  one folder per deploy, numbered 000001, 000002, …
#                                  on the server; the newest DEPLOY_KEEP (default 5) kept
#   current -> releases/…          what nginx serves (deploy/nginx/samverkan.conf)
#
# The new release is sent into releases/.partial-…/ with rsync, hard-linking
# every file that is unchanged since the current release (--link-dest), so
# only what changed crosses the network and disk use grows by that alone.
# Only when everything has arrived is the folder renamed and `current`
# switched, by renaming a new link over the old one: a single atomic step.
# A deploy that stops before that leaves the live site as it was; the next
# one removes what it left behind. deploy/rollback.sh switches back.
#
# Order: the site's version.json names its commit. A commit that is not the
# live one or a descendant of it (an older pipeline finishing after a newer
# one) is refused before anything changes; going back is rollback.sh's job.
# Deciding needs the live commit in this clone's history: a shallow clone
# (GitLab's GIT_DEPTH) is deepened with `git fetch --unshallow` when needed.
#
# Connection: the CI/CD variables in deploy/connection.sh. Also:
#   DEPLOY_KEEP           how many releases to keep, 1 or more (default 5);
#                         the live one is never removed
#   DEPLOY_RSYNC_OPTIONS  extra rsync options, e.g. --bwlimit=5000 on a slow link
#   DEPLOY_DOTENV         if set, a file to write SERVED_COMMIT and SERVED_URL
#                         into (the deploy job's dotenv report: the environment's URL)
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-site}"
if [ ! -f "$site/index.html" ]; then
    echo "$site/index.html saknas; bygg webbplatsen först (make build)." >&2
    exit 2
fi
keep="${DEPLOY_KEEP:-5}"
if [[ ! "$keep" =~ ^[0-9]+$ ]] || ((10#$keep < 1)); then
    echo "DEPLOY_KEEP måste vara ett heltal, 1 eller större (hur många versioner som sparas), inte ”$keep”. Inget har ändrats." >&2
    exit 2
fi
keep=$((10#$keep))
source deploy/connection.sh
source deploy/served.sh

new_commit=""
[ -f "$site/version.json" ] && new_commit="$(commit_of < "$site/version.json")"
new_commit="${new_commit:-${CI_COMMIT_SHA:-}}"

# What is live: its release, the last sequence number, and its version.json.
# Nothing is changed yet.
live="$(on_server '
    if ! cd "$1" 2>/dev/null; then printf "\n0\n"; exit 0; fi
    if [ -L current ]; then basename "$(readlink current)"; else echo; fi
    last="$( (releases_in_order 2>/dev/null || true) | tail -n 1 | sed -n "s/^\([0-9][0-9]*\)-.*/\1/p")"
    echo "${last:-0}"
    cat current/version.json 2>/dev/null || true' "$DEPLOY_PATH")"
{ read -r current; read -r last; } <<< "$live"
live_commit="$(commit_of <<< "$live")"

is_descendant() {
    git cat-file -e "$1^{commit}" 2>/dev/null && git merge-base --is-ancestor "$1" "$2"
}
if [ -n "$live_commit" ] && [ -n "$new_commit" ] && [ "$live_commit" != "$new_commit" ]; then
    if ! is_descendant "$live_commit" "$new_commit" && [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
        echo "Klonen är grund (GIT_DEPTH); hämtar hela historiken för att jämföra med den publicerade versionen."
        git fetch --quiet --unshallow origin || true
    fi
    if ! is_descendant "$live_commit" "$new_commit"; then
        echo "Publiceringen avbryts: den publicerade versionen (${live_commit:0:8}) ingår inte i historiken för ${new_commit:0:8}," >&2
        echo "så den här versionen är äldre eller från en annan gren (till exempel en äldre pipeline som blev klar sent)." >&2
        echo "Inget har ändrats. För att gå tillbaka till en tidigare version: kör jobbet rollback (deploy/rollback.sh)." >&2
        exit 3
    fi
fi

short="${new_commit:0:8}"
release="$(printf '%06d' $((10#$last + 1)))-${short:-local}"

# Ready the folder and clear what a stopped deploy left.
on_server '
    mkdir -p "$1/releases"
    rm -rf "$1"/releases/.partial-*' "$DEPLOY_PATH"

link_dest=()
[ -n "$current" ] && link_dest=(--link-dest="../$current")
# --checksum: files are compared by content, since every build writes new
# modification times. Permissions are set, not copied, so nginx can read.
# shellcheck disable=SC2086 # DEPLOY_RSYNC_OPTIONS is a list of options
rsync --recursive --links --perms --chmod=D755,F644 --checksum --delete --stats \
    "${link_dest[@]}" ${DEPLOY_RSYNC_OPTIONS:-} \
    -e "${ssh_command[*]}" "$site/" "$remote:$DEPLOY_PATH/releases/.partial-$release/"

# Switch, then keep the newest $3 releases for rollback.sh: never the one
# being served, whatever the count says.
on_server '
    cd "$1"
    mv "releases/.partial-$2" "releases/$2"
    ln -s "releases/$2" .current-new
    mv -T .current-new current
    live="$(basename "$(readlink current)")"
    releases_in_order | awk -v keep="$3" "{ names[NR] = \$0 } END { for (i = 1; i <= NR - keep; i++) print names[i] }" |
        while read -r old; do
            if [ "$old" != "$live" ] && [ "$old" != "$2" ]; then rm -rf "releases/$old"; fi
        done' \
    "$DEPLOY_PATH" "$release" "$keep"
echo "Publicerad: $DEPLOY_PATH/releases/$release (current)."
show_served
