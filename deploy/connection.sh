# Sourced by publish.sh and rollback.sh: the SSH connection to the intranet's
# web server, from the same CI/CD variables in every job (README, "För IT").
#
#   DEPLOY_HOST         the web server
#   DEPLOY_PORT         its SSH port (default 22)
#   DEPLOY_USER         the account that owns DEPLOY_PATH
#   DEPLOY_PATH         the site's folder on the server; nginx serves DEPLOY_PATH/current
#   DEPLOY_SSH_KEY      path of the private key (a GitLab variable of type File)
#   DEPLOY_KNOWN_HOSTS  the server's public host key, as lines of known_hosts

for name in DEPLOY_HOST DEPLOY_USER DEPLOY_PATH DEPLOY_SSH_KEY DEPLOY_KNOWN_HOSTS; do
    if [ -z "${!name:-}" ]; then
        echo "CI-variabeln $name saknas (se README, För IT)." >&2
        exit 2
    fi
done

ssh_dir="$(mktemp -d)"
trap 'rm -rf "$ssh_dir"' EXIT
# GitLab writes a File variable readable by everyone, and ssh refuses such a
# key; a private copy is used instead.
install -m 600 "$DEPLOY_SSH_KEY" "$ssh_dir/key"
printf '%s\n' "$DEPLOY_KNOWN_HOSTS" > "$ssh_dir/known_hosts"

# The host key must be the one in DEPLOY_KNOWN_HOSTS: never trusted on first use.
ssh_command=(ssh -p "${DEPLOY_PORT:-22}" -i "$ssh_dir/key" -o IdentitiesOnly=yes -o BatchMode=yes
             -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$ssh_dir/known_hosts" -o LogLevel=ERROR)
remote="$DEPLOY_USER@$DEPLOY_HOST"

# on_server 'shell code' args…: runs the code on the server with sh, args as $1…
on_server() {
    local code="$1"
    shift
    local args=()
    for arg in "$@"; do args+=("$(printf '%q' "$arg")"); done
    "${ssh_command[@]}" "$remote" sh -euc "$(printf '%q' "$code")" deploy "${args[@]}"
}
