//go:build !linux

package mcu

import "time"

// threadCPU is unknown off Linux.
func threadCPU() time.Duration { return 0 }
