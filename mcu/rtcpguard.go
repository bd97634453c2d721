package mcu

import (
	"sync/atomic"

	"github.com/pion/logging"
	"github.com/pion/webrtc/v4"
)

// unknownRTCPLimit is how many SSRCs that none of its streams has a peer may send RTCP for
// before its session is closed. Pion keeps a read stream with its buffer for each such SSRC
// until the PeerConnection closes (about 2.7 KB each, measured with 20000 PLIs for random SSRCs:
// +53 MiB), so a peer sending RTCP for random SSRCs would grow the server without bound. A
// browser names a handful at most (its own SSRCs before their first RTP packet, RTX).
const unknownRTCPLimit = 64

// unhandledRTCPFormat is the warning Pion's PeerConnection logs once for each such SSRC
// (pion/webrtc v4 peerconnection.go, undeclared RTCP); TestHostilePeer fails if it changes.
const unhandledRTCPFormat = "Incoming unhandled RTCP ssrc(%d), OnTrack will not be fired"

// pcWatch follows what Pion reports about one PeerConnection of a session.
type pcWatch struct {
	sess        atomic.Pointer[session] // set once the session exists
	unknownRTCP atomic.Int32
}

// pionWarning counts one warning of the PeerConnection's Pion logger and closes the session the
// first time the unknown RTCP SSRCs pass the limit.
func (w *pcWatch) pionWarning(format string) {
	if format != unhandledRTCPFormat || w.unknownRTCP.Add(1) != unknownRTCPLimit+1 {
		return
	}
	if s := w.sess.Load(); s != nil {
		s.log.Warn("RTCP for too many unknown SSRCs; session closed", "limit", unknownRTCPLimit)
		go s.close("rtcp flood")
	}
}

// watchedLogs is the Pion logger factory of one PeerConnection: the MCU's Pion logs, with the
// "pc" scope also reporting to the PeerConnection's watch.
type watchedLogs struct {
	p *pionLogs
	w *pcWatch
}

// NewLogger implements logging.LoggerFactory.
func (f watchedLogs) NewLogger(scope string) logging.LeveledLogger {
	l := pionLogger{p: f.p, scope: scope}
	if scope == "pc" {
		l.watch = f.w
	}
	return l
}

// newPeerConnection creates a PeerConnection whose Pion "pc" logger reports to w. The logger
// factory is the PeerConnection's own (a webrtc.API per PeerConnection, engine.go), so
// creations need no lock to be attributed and run in parallel.
func (m *MCU) newPeerConnection(w *pcWatch) (*webrtc.PeerConnection, error) {
	f := m.pcs
	cert, err := f.certificate()
	if err != nil {
		return nil, err
	}
	se := f.se
	se.LoggerFactory = watchedLogs{p: m.pion, w: w}
	api := webrtc.NewAPI(webrtc.WithMediaEngine(f.me), webrtc.WithInterceptorRegistry(f.ir), webrtc.WithSettingEngine(se))
	return api.NewPeerConnection(webrtc.Configuration{Certificates: []webrtc.Certificate{cert}})
}
