package bench

import (
	"context"
	"fmt"
	"log/slog"

	"diemcau/mcu"
	"diemcau/sip"
	"diemcau/store"
)

// serveSIP starts the MCU child's SIP server on a free port of 127.0.0.1: terminals are
// admitted by digest with their bridge point's join secret, as `serve` admits them.
func serveSIP(st *store.Store, m *mcu.MCU, log *slog.Logger) (*sip.Server, error) {
	creds := func(ctx context.Context, id string) (sip.Credential, bool, error) {
		c, err := st.SIPCredential(ctx, id)
		if err != nil {
			return sip.Credential{}, false, err
		}
		return sip.Credential{HA1: c.HA1}, c.HA1 != "", nil
	}
	srv, err := sip.Listen(sip.Config{Addr: "127.0.0.1:0", Credentials: creds, Rooms: sip.MCURooms{MCU: m}, Log: log})
	if err != nil {
		return nil, fmt.Errorf("bench-mcu: SIP: %w", err)
	}
	return srv, nil
}
