package mcu

import (
	"log/slog"
	"time"

	"github.com/pion/webrtc/v4"
)

// Config holds the network settings of the MCU's WebRTC stack.
type Config struct {
	PublicIPs []string // optional NAT 1:1 IPs; empty = host candidates only
	UDPPort   int      // 0 = ephemeral ports; otherwise one UDP port shared by all peers (ICE UDP mux, batched writes)
	Loopback  bool     // include loopback candidates (tests, demo on 127.0.0.1)
	// LoopbackOnly offers loopback candidates only (bench and tests: no traffic leaves lo).
	LoopbackOnly bool
	Log          *slog.Logger // used when New gets a nil logger
	Lang         string       // "vi" (default) or "en": language of the texts the MCU returns over HTTP
	// RecordingsDir holds one folder per meeting of recordings; empty = "recordings".
	RecordingsDir string
	// RecordingReserve is the free disk a recording keeps, as recording time at the meeting's
	// rate: under it a recording does not start and a running one stops (ErrDiskLow).
	// 0 = 30 minutes; negative = no check.
	RecordingReserve time.Duration

	// ICEServers are STUN/TURN servers advertised to WHIP clients in Link headers of the 201
	// answer (RFC 9725 §4.6), for endpoints behind NAT; the MCU itself does not use them.
	ICEServers []webrtc.ICEServer
}
