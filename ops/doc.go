// Package ops owns what an operator of the server reads: the manifest written beside a backup
// (checksums of the copy and of every recording), dated backups and their pruning, and the
// Prometheus collectors of /metrics, and the doctor's checks of a server before its first meeting
// (Doctor: the database and its registry, the SSH keys through the parser the command passes,
// the calendar, the certificate, the ports, the firewall, the disk, the clock).
package ops
