// Package ops owns what an operator of the server reads: the manifest written beside a backup
// (checksums of the copy and of every recording), dated backups and their pruning, and the
// Prometheus collectors of /metrics.
package ops
