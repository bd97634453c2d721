//go:build !linux

package mcu

import "net"

// gsoSupported: UDP segmentation offload is used on Linux only.
func gsoSupported(*net.UDPConn) bool { return false }

func gsoControl(*[gsoOOBCap]byte, uint16) []byte { return nil }

func gsoRefused(error) bool { return false }
