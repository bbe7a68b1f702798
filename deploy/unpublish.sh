#!/usr/bin/env bash
# Removes a merge request's preview from the server: DEPLOY_PATH, as
# deploy/review.sh made it, with rsync alone (the preview account has no
# shell): an empty folder is sent to the previews' folder with --delete,
# and every name but DEPLOY_PATH is excluded, so nothing else is touched.
# Same CI/CD variables as review.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/connection.sh
source deploy/preview-path.sh

empty="$ssh_dir/empty"
mkdir -m 755 "$empty"
rsync --recursive --delete --include="/$DEPLOY_PATH/***" --exclude='*' \
    -e "${ssh_command[*]}" "$empty/" "$remote:"
echo "Borttagen: $DEPLOY_PATH"
