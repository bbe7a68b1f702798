# Sourced by the scripts in deploy/: the SSH connection to the intranet's web
# server, from the same CI/CD variables in every job (guider/it.md).
#
#   DEPLOY_HOST         the web server
#   DEPLOY_PORT         its SSH port (default 22)
#   DEPLOY_USER         the account that owns DEPLOY_PATH
#   DEPLOY_PATH         the site's folder on the server; nginx serves DEPLOY_PATH/current
#   DEPLOY_SSH_KEY      the private key: the path of a GitLab File variable, or the key itself
#   DEPLOY_KNOWN_HOSTS  the server's public host key, as lines of known_hosts
#
# These scripts run with bash on the runner; what they run on the server runs
# with the server's sh, which is dash on Debian or busybox ash: POSIX only.

for name in DEPLOY_HOST DEPLOY_USER DEPLOY_PATH DEPLOY_SSH_KEY DEPLOY_KNOWN_HOSTS; do
    if [ -z "${!name:-}" ]; then
        echo "CI-variabeln $name saknas (se guider/it.md)." >&2
        exit 2
    fi
done

ssh_dir="$(mktemp -d)"
trap 'rm -rf "$ssh_dir"' EXIT
# GitLab writes a File variable readable by everyone, and ssh refuses such a
# key; a private copy is used instead. A key pasted with Windows line ends or
# without its last line end is refused by ssh ("error in libcrypto"), so the
# copy has neither fault.
if [ -f "$DEPLOY_SSH_KEY" ]; then
    key_text="$(cat "$DEPLOY_SSH_KEY")"
else
    key_text="$DEPLOY_SSH_KEY"
fi
case "$key_text" in
    *"-----BEGIN "*) ;;
    *) echo "DEPLOY_SSH_KEY är ingen privat nyckel (den ska börja med -----BEGIN …)." >&2; exit 2 ;;
esac
(umask 077 && printf '%s\n' "$key_text" | tr -d '\r' > "$ssh_dir/key")
printf '%s\n' "$DEPLOY_KNOWN_HOSTS" | tr -d '\r' > "$ssh_dir/known_hosts"

# The host key must be the one in DEPLOY_KNOWN_HOSTS: never trusted on first use.
ssh_command=(ssh -p "${DEPLOY_PORT:-22}" -i "$ssh_dir/key" -o IdentitiesOnly=yes -o BatchMode=yes
             -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$ssh_dir/known_hosts" -o LogLevel=ERROR)
remote="$DEPLOY_USER@$DEPLOY_HOST"

# One word for the server's sh, whatever it holds: in single quotes, each '
# written as '\'' (POSIX; bash's printf %q writes $'…', which dash cannot read).
sh_quote() {
    printf "'%s'" "${1//\'/\'\\\'\'}"
}

# Shell functions every piece of code on the server may use.
# releases_in_order: the releases, oldest first, by the deploy sequence
# number each name starts with (publish.sh), not by any clock; a folder
# without one (from before sequence numbers) counts as the oldest.
server_functions='
releases_in_order() {
    ls -1 releases | awk -F- "{ print ((\$1 ~ /^[0-9]+\$/) ? \$1 : 0), \$0 }" | sort -k1,1n -k2 | cut -d" " -f2-
}
'

# on_server 'shell code' args…: runs the code on the server with sh -eu, args as $1…
on_server() {
    local code="$server_functions$1" command
    shift
    command="sh -euc $(sh_quote "$code") deploy"
    for arg in "$@"; do command+=" $(sh_quote "$arg")"; done
    "${ssh_command[@]}" "$remote" "$command"
}
