#!/bin/sh
# Starts Asterisk in the hotline stack's container (see docker/README.md).
# Runs as root, writes the AMI secret include, then execs Asterisk, which
# drops to the asterisk user itself.
set -eu

conf_dir=/etc/asterisk
secret_file="$conf_dir/manager_hotline_secret.conf"

# manager.conf's [hotline] section #tryinclude-s this file, so the secret
# comes from docker/.env and never sits in a tracked file.
if [ -n "${HOTLINE_AMI_SECRET:-}" ]; then
    case "$HOTLINE_AMI_SECRET" in
        # ';' starts a comment in Asterisk config files; keep to a safe set.
        *[!A-Za-z0-9_.+/=-]*)
            echo "hotline-asterisk-start: HOTLINE_AMI_SECRET may only contain A-Z a-z 0-9 _ . + / = -" >&2
            exit 1 ;;
    esac
    (umask 077 && printf 'secret = %s\n' "$HOTLINE_AMI_SECRET" > "$secret_file")
    chown asterisk:asterisk "$secret_file" 2>/dev/null || true
else
    rm -f "$secret_file"
    echo "hotline-asterisk-start: WARNING: HOTLINE_AMI_SECRET is not set; the AMI user 'hotline' cannot log in" >&2
fi

if grep -q 'CHANGE_ME' "$conf_dir/pjsip.conf" 2>/dev/null; then
    echo "hotline-asterisk-start: WARNING: pjsip.conf still has CHANGE_ME placeholders (passwords, carrier address)" >&2
fi

# Recordings and the directories MixMonitor creates must be group-writable:
# the service (in the asterisk group, see compose.yaml) indexes, writes
# sidecars next to and eventually deletes them.
umask 0002
exec /usr/sbin/asterisk -f -U asterisk -G asterisk -vvv "$@"
