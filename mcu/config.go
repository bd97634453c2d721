package mcu

import "log/slog"

// Config holds the network settings of the MCU's WebRTC stack.
type Config struct {
	PublicIPs []string     // optional NAT 1:1 IPs; empty = host candidates only
	UDPPort   int          // 0 = ephemeral ports; otherwise one UDP port shared by all peers (ICE UDP mux)
	Loopback  bool         // include loopback candidates (tests, demo on 127.0.0.1)
	Log       *slog.Logger // used when New gets a nil logger
	Lang      string       // "vi" (default) or "en": language of the texts the MCU returns over HTTP
}
