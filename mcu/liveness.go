package mcu

import (
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v4"
)

// LinkSilentAfter is how long a link may carry nothing at all (no STUN consent response, RTCP,
// DTLS/SCTP or RTP) before it counts as down. A live peer keeps it busy even when it sends no
// media: the MCU asks for ICE consent (RFC 7675) every 2 s and the peer answers, and both send
// RTCP reports every second or so. Pion's ICE agent says "disconnected" after the same 5 s.
const LinkSilentAfter = 5 * time.Second

// Link is what the MCU sees of a participant's transport, apart from its media. ICE and DTLS are
// those of a WHIP session; another transport leaves them empty or puts its own states there
// (a SIP call's, say) and sets Closed, Failed and Alive by the same rules.
type Link struct {
	LastActivity time.Time // last arrival of anything on the link; zero when not connected
	ICE          string    // ICE connection state: "checking", "connected", "disconnected", "failed", …
	DTLS         string    // DTLS transport state: "connected", "failed", "closed", …
	Closed       bool      // the peer closed the DTLS/SCTP association
	Failed       bool      // ICE consent lapsed or failed (RFC 7675: "disconnected", "failed"), or DTLS failed or closed
	Alive        bool      // ICE and DTLS are up and something arrived within LinkSilentAfter
}

// linkWatch is what the MCU last saw of one WHIP session's transport. The quality tick samples the
// ICE agent's selected pair once a second (sampleLink); nothing is done per packet.
type linkWatch struct {
	lastAt    atomic.Int64 // unix nanos of the last arrival seen
	dtls      atomic.Int32 // webrtc.DTLSTransportState
	closed    atomic.Bool  // the SCTP association (over DTLS) closed
	responses uint64       // consent responses counted at the last sample; quality tick only
}

// watchLink follows the DTLS and SCTP states of t's PeerConnection; call before negotiating.
func (t *webrtcTransport) watchLink() {
	sctp := t.pc.SCTP()
	if sctp == nil {
		return
	}
	sctp.Transport().OnStateChange(func(st webrtc.DTLSTransportState) { t.link.dtls.Store(int32(st)) })
	sctp.OnClose(func(error) { t.link.closed.Store(true) })
}

// see moves the last arrival forward to at.
func (w *linkWatch) see(at time.Time) {
	n := at.UnixNano()
	for {
		old := w.lastAt.Load()
		if n <= old || w.lastAt.CompareAndSwap(old, n) {
			return
		}
	}
}

// sampleLink reads the ICE agent's selected candidate pair: the last application packet it
// received (RTP, RTCP, DTLS, SCTP) and whether a consent response (STUN) came since the last
// sample. It runs on the quality tick, one call into the agent's loop per session.
func (t *webrtcTransport) sampleLink(now time.Time) {
	sctp := t.pc.SCTP()
	if sctp == nil {
		return
	}
	ice := sctp.Transport().ICETransport()
	if ice == nil {
		return
	}
	st, ok := ice.GetSelectedCandidatePairStats()
	if !ok {
		return
	}
	if st.LastPacketReceivedTimestamp > 0 {
		t.link.see(st.LastPacketReceivedTimestamp.Time())
	}
	if st.ResponsesReceived != t.link.responses {
		t.link.responses = st.ResponsesReceived
		t.link.see(now)
	}
}

// Link implements Transport: the PeerConnection's link at now (called with c.mu held: reads only
// atomics and Pion's atomic state).
func (t *webrtcTransport) Link(now time.Time) Link {
	ice := t.pc.ICEConnectionState()
	dtls := webrtc.DTLSTransportState(t.link.dtls.Load())
	l := Link{ICE: ice.String(), DTLS: dtls.String(), Closed: t.link.closed.Load()}
	if n := t.link.lastAt.Load(); n != 0 {
		l.LastActivity = time.Unix(0, n)
	}
	iceUp := ice == webrtc.ICEConnectionStateConnected || ice == webrtc.ICEConnectionStateCompleted
	dtlsUp := dtls == webrtc.DTLSTransportStateConnected
	switch ice {
	case webrtc.ICEConnectionStateDisconnected, webrtc.ICEConnectionStateFailed, webrtc.ICEConnectionStateClosed:
		l.Failed = true
	}
	l.Failed = l.Failed || l.Closed || dtls == webrtc.DTLSTransportStateFailed || dtls == webrtc.DTLSTransportStateClosed
	l.Alive = iceUp && dtlsUp && !l.Closed && now.Sub(l.LastActivity) < LinkSilentAfter
	return l
}
