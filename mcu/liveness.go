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

// Link is what the MCU sees of a participant's transport, apart from its media.
type Link struct {
	LastActivity time.Time // last arrival of anything on the link; zero when not connected
	ICE          string    // ICE connection state: "checking", "connected", "disconnected", "failed", …
	DTLS         string    // DTLS transport state: "connected", "failed", "closed", …
	Closed       bool      // the peer closed the DTLS/SCTP association
	Failed       bool      // ICE consent lapsed or failed (RFC 7675: "disconnected", "failed"), or DTLS failed or closed
	Alive        bool      // ICE and DTLS are up and something arrived within LinkSilentAfter
}

// linkWatch is what the MCU last saw of one session's transport. The quality tick samples the
// ICE agent's selected pair once a second (sampleLink); nothing is done per packet.
type linkWatch struct {
	lastAt    atomic.Int64 // unix nanos of the last arrival seen
	dtls      atomic.Int32 // webrtc.DTLSTransportState
	closed    atomic.Bool  // the SCTP association (over DTLS) closed
	responses uint64       // consent responses counted at the last sample; quality tick only
}

// watchLink follows the DTLS and SCTP states of s's PeerConnection; call before negotiating.
func (s *session) watchLink() {
	sctp := s.pc.SCTP()
	if sctp == nil {
		return
	}
	sctp.Transport().OnStateChange(func(st webrtc.DTLSTransportState) { s.link.dtls.Store(int32(st)) })
	sctp.OnClose(func(error) { s.link.closed.Store(true) })
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
func (s *session) sampleLink(now time.Time) {
	sctp := s.pc.SCTP()
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
		s.link.see(st.LastPacketReceivedTimestamp.Time())
	}
	if st.ResponsesReceived != s.link.responses {
		s.link.responses = st.ResponsesReceived
		s.link.see(now)
	}
}

// linkOf describes s's link at now (c.mu held: reads only atomics and Pion's atomic state).
func (s *session) linkOf(now time.Time) Link {
	ice := s.pc.ICEConnectionState()
	dtls := webrtc.DTLSTransportState(s.link.dtls.Load())
	l := Link{ICE: ice.String(), DTLS: dtls.String(), Closed: s.link.closed.Load()}
	if n := s.link.lastAt.Load(); n != 0 {
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
