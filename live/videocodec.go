package live

import (
	"context"

	"diemcau/mcu"
)

// The video codec of a meeting (issue 14). SIP room systems send and receive H.264 only and the
// MCU never transcodes, so a meeting with SIP sites asks its WebRTC sites for H.264 too: the
// conference prefers H.264 (mcu.Conference.SetPreferH264) when
//   - a bridge point it expects is a SIP room system: the registry trusts its address for SIP
//     calls (store.SIPCredential.TrustAddress). The digest's HA1 says nothing: every join secret
//     issued has one, whatever the site's terminal; or
//   - a SIP call attaches to it: WebRTC sites joining after that send H.264; those already in
//     keep the codec they negotiated (WHIP has no renegotiation the server can start; they
//     change on their next join).
// The preference stays for the meeting's life, and a resumed meeting decides it again.

// sipTransport is the mcu.Transport kind of a SIP room system's session.
const sipTransport = "sip"

// expectsSIP reports whether one of the bridge points ids is a SIP room system by the registry.
func (m *Manager) expectsSIP(ctx context.Context, ids []string) (bool, error) {
	trusted, err := m.st.SIPAddressTrusted(ctx)
	if err != nil {
		return false, err
	}
	for _, id := range ids {
		if trusted[id] {
			return true, nil
		}
	}
	return false, nil
}

// PreferH264OnSIP makes conf prefer H.264 once a SIP room system joins it; it returns when ctx
// ends, the MCU closes or conf ends.
func PreferH264OnSIP(ctx context.Context, m *mcu.MCU, conf *mcu.Conference) {
	check := func() bool {
		for _, p := range conf.Snapshot().Participants {
			if p.Connected && p.Transport == sipTransport {
				conf.SetPreferH264(true) // logged by the conference
				return true
			}
		}
		return false
	}
	watchConference(ctx, m, conf, func() bool { return conf.PrefersH264() || check() },
		func(ev mcu.Event) bool { return ev.Kind == mcu.EventJoined && check() })
}
