// Package ops owns what an operator of the server reads: the manifest written beside a backup
// (checksums of the copy and of every recording) and the Prometheus collectors of /metrics.
package ops
