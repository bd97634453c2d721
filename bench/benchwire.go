package bench

import (
	"fmt"
	"strings"
)

// What the bench's MCU child and the bench runner say to each other. The child (`diemcau
// bench-mcu`, wired in package main) prints one Ready line on stdout when it listens, serves
// the routes below beside WHIP and /api/v1/status, and exits when its stdin closes.
const (
	// MuteRoute hard-mutes the bridge point named by the last path element (POST, bearer
	// token); the reply, a MuteReply, is sent once the mute is acknowledged.
	MuteRoute = "/bench/mute/"
	// ForwardedRoute returns the MuteReply counters of a bridge point now (GET, bearer token).
	ForwardedRoute = "/bench/forwarded/"
	// ProfileRoute serves a CPU profile of the MCU: ?seconds=N (GET, bearer token).
	ProfileRoute = "/bench/profile"
	// HeapRoute serves a heap profile of the MCU (GET, bearer token).
	HeapRoute = "/bench/heap"
)

// Ready is the MCU child's first stdout line: where it listens and the join secrets of the
// bench's bridge points. It travels over a pipe between two processes of the bench, never to a log.
type Ready struct {
	URL     string            `json:"url"`
	Token   string            `json:"token"`         // bearer token of /api/v1 and the bench routes
	IDs     []string          `json:"ids"`           // bridge points, the main one first
	SIP     string            `json:"sip,omitempty"` // host:port of the SIP server (UDP), when asked for
	Secrets map[string]string `json:"secrets"`
}

// MuteReply counts a bridge point's forwarded audio packets.
type MuteReply struct {
	ForwardedAudio uint64 `json:"forwarded_audio"` // forwarded to anyone, ever, at the reply
}

// RegistryCSV is a registry of n bench bridge points in the import format: BENCH-MAIN,
// then BENCH-001, BENCH-002, …
func RegistryCSV(n int) string {
	var b strings.Builder
	b.WriteString("id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\n")
	for i := range n {
		id, kind, role := ID(i), "commune", "sub"
		if i == 0 {
			kind, role = "province", "main"
		}
		fmt.Fprintf(&b, "%s,Điểm cầu thử tải %d,%s,Đơn vị thử tải %d,%s,%s,Phòng họp,Gia Lai,\n", id, i, id, i, kind, role)
	}
	return b.String()
}

// ID is the id of the i-th bench bridge point (0 is the main one).
func ID(i int) string {
	if i == 0 {
		return "BENCH-MAIN"
	}
	return fmt.Sprintf("BENCH-%03d", i)
}
