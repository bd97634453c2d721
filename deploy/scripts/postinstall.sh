#!/bin/sh
# diemcau postinst: the system user the service runs as, the group that may read /etc/diemcau,
# and systemd told of the units. The service is not started: it needs its settings first.
set -e
if ! getent group diemcau >/dev/null; then
	addgroup --system diemcau >/dev/null
fi
if ! getent passwd diemcau >/dev/null; then
	adduser --system --ingroup diemcau --home /var/lib/diemcau --no-create-home \
		--shell /usr/sbin/nologin --gecos "diemcau videoconference control center" diemcau >/dev/null
fi
# Settings hold the API token and TLS key: readable by the service's group, not by everyone.
for f in /etc/diemcau/diemcau.env /etc/diemcau/authorized_keys /etc/diemcau/holidays.csv; do
	if [ -e "$f" ]; then
		chown root:diemcau "$f"
		chmod 0640 "$f"
	fi
done
chown root:diemcau /etc/diemcau /etc/diemcau/tls
chmod 0750 /etc/diemcau /etc/diemcau/tls
if [ -d /run/systemd/system ]; then
	systemctl daemon-reload >/dev/null || true
	# An upgrade restarts a running service: the new binary backs the database up before migrating.
	if [ "$1" = "configure" ] && [ -n "$2" ] && systemctl is-active --quiet diemcau.service; then
		systemctl restart diemcau.service || true
	fi
fi
if [ "$1" = "configure" ] && [ -z "$2" ]; then
	echo "diemcau: edit /etc/diemcau/diemcau.env and /etc/diemcau/authorized_keys, run 'diemcau doctor', then:"
	echo "  systemctl enable --now diemcau.service diemcau-backup.timer"
fi
exit 0
