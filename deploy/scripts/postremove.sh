#!/bin/sh
# diemcau postrm: tell systemd the units are gone. The data in /var/lib/diemcau stays.
set -e
if [ -d /run/systemd/system ]; then
	systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
