# Sourced by review.sh and unpublish.sh: a preview's DEPLOY_PATH is one
# folder name inside the previews' folder (GitLab's CI_COMMIT_REF_SLUG:
# a-z, 0-9 and -), so no preview can reach another's, or anything above.
if [[ ! "$DEPLOY_PATH" =~ ^[a-z0-9][a-z0-9-]*$ ]]; then
    echo "DEPLOY_PATH för en förhandsvisning ska vara ett mappnamn (a–z, 0–9, -), inte ”$DEPLOY_PATH”." >&2
    exit 2
fi
