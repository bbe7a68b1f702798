# Sourced after connection.sh by publish.sh and rollback.sh: what the server
# serves now, from the live release's version.json (written by the build).

# commit_of < version.json: its commit
commit_of() {
    sed -n 's/^ *"commit": *"\([0-9a-f]*\)".*/\1/p' | head -n 1
}

# Prints the served version.json; with DEPLOY_DOTENV set, also writes the
# served commit and an address naming it there (GitLab's environment URL).
show_served() {
    local served commit
    served="$(on_server 'cat "$1/current/version.json" 2>/dev/null || true' "$DEPLOY_PATH")"
    if [ -z "$served" ]; then
        echo "Den publicerade versionen har ingen version.json."
        return 0
    fi
    echo "Det här visas nu (version.json):"
    printf '%s\n' "$served"
    commit="$(commit_of <<< "$served")"
    if [ -n "${DEPLOY_DOTENV:-}" ]; then
        printf 'SERVED_COMMIT=%s\n' "$commit" > "$DEPLOY_DOTENV"
        if [ -n "${SITE_URL:-}" ]; then
            printf 'SERVED_URL=%s?version=%s\n' "$SITE_URL" "${commit:0:8}" >> "$DEPLOY_DOTENV"
        fi
    fi
}
