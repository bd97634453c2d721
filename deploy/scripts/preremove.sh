#!/bin/sh
# diemcau prerm: stop the service and the backup timer before the files go. The database,
# recordings and backups in /var/lib/diemcau are kept.
set -e
if [ -d /run/systemd/system ] && [ "$1" = "remove" ]; then
	systemctl disable --now diemcau-backup.timer diemcau.service >/dev/null 2>&1 || true
fi
exit 0
