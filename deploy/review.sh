#!/usr/bin/env bash
# Publishes a merge request's preview: usage: deploy/review.sh [site-folder]
#
# The preview account's key may run nothing but rsync inside the previews'
# folder (its authorized_keys line forces /usr/bin/rrsync REVIEW_PATH;
# guider/it.md): no shell, no way to the live site. So this is rsync alone:
# DEPLOY_PATH is the preview's folder *inside* that folder (the branch's
# slug), the site goes to DEPLOY_PATH/current/, and --delay-updates puts
# the changed files in place together at the end. deploy/unpublish.sh removes it.
# Connection: the CI/CD variables in deploy/connection.sh (the preview account's).
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-site}"
if [ ! -f "$site/index.html" ]; then
    echo "$site/index.html saknas; bygg webbplatsen först (make build)." >&2
    exit 2
fi
source deploy/connection.sh
source deploy/preview-path.sh

rsync --recursive --links --perms --chmod=D755,F644 --checksum --delete-after --delay-updates --mkpath --stats \
    -e "${ssh_command[*]}" "$site/" "$remote:$DEPLOY_PATH/current/"
echo "Förhandsvisning publicerad: $DEPLOY_PATH/current/"
