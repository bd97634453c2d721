package softep

import (
	"fmt"
	"net"

	"github.com/pion/ice/v4"
	"github.com/pion/interceptor"
	"github.com/pion/transport/v5"
	"github.com/pion/transport/v5/stdnet"
	"github.com/pion/webrtc/v4"
)

// Payload types and the header extension the MCU expects.
const (
	opusPayloadType = 111
	vp8PayloadType  = 96
	audioLevelURI   = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
)

var (
	opusCapability = webrtc.RTPCodecCapability{
		MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2,
		SDPFmtpLine: "minptime=10;useinbandfec=1",
	}
	vp8Capability = webrtc.RTPCodecCapability{
		MimeType: webrtc.MimeTypeVP8, ClockRate: 90000,
		RTCPFeedback: []webrtc.RTCPFeedback{
			{Type: "nack"}, {Type: "nack", Parameter: "pli"}, {Type: "ccm", Parameter: "fir"},
			{Type: "goog-remb"},
		},
	}
)

// newPeerAPI builds the Pion API of one link: Opus, VP8 and/or H.264 (videoCodecs), audio levels, NACK and RTCP
// reports behind the loss simulator, loopback UDPv4 candidates without mDNS.
func (e *Endpoint) newPeerAPI() (*webrtc.API, error) {
	m := &webrtc.MediaEngine{}
	if err := m.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: opusCapability, PayloadType: opusPayloadType},
		webrtc.RTPCodecTypeAudio); err != nil {
		return nil, fmt.Errorf("register opus: %w", err)
	}
	video, err := e.videoCodecs()
	if err != nil {
		return nil, err
	}
	for _, c := range video {
		if err := m.RegisterCodec(c, webrtc.RTPCodecTypeVideo); err != nil {
			return nil, fmt.Errorf("register %s: %w", c.MimeType, err)
		}
	}
	if err := m.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: audioLevelURI},
		webrtc.RTPCodecTypeAudio); err != nil {
		return nil, fmt.Errorf("register audio level extension: %w", err)
	}
	// NACK and RTCP reports, as a real endpoint sends them; no TWCC or stats, which the MCU does
	// not use and which would make a bench of many endpoints measure its own load generator.
	reg := &interceptor.Registry{}
	reg.Add(lossFactory{e: e}) // first added is nearest the network
	// A count-only endpoint has no RTP reaching Pion to NACK, and answers none.
	if !e.cfg.CountOnly {
		if err := webrtc.ConfigureNack(m, reg); err != nil {
			return nil, fmt.Errorf("configure nack: %w", err)
		}
	}
	if err := webrtc.ConfigureRTCPReports(reg); err != nil {
		return nil, fmt.Errorf("configure rtcp reports: %w", err)
	}
	n, err := stdnet.NewNet()
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	s := webrtc.SettingEngine{LoggerFactory: pionLogs{log: e.log}}
	s.SetNet(roomyNet{Net: n, e: e})
	s.SetIncludeLoopbackCandidate(true)
	s.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	s.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	return webrtc.NewAPI(webrtc.WithMediaEngine(m), webrtc.WithInterceptorRegistry(reg), webrtc.WithSettingEngine(s)), nil
}

// addTransceivers lays out the offer: mic+audio slot 1, audio slots 2 and 3, camera+main slot,
// speaker slot; or, without Receive, just the mic and the camera.
func (e *Endpoint) addTransceivers(pc *webrtc.PeerConnection, s *softSession) error {
	send := webrtc.RTPTransceiverDirectionSendrecv
	if !e.cfg.Receive {
		send = webrtc.RTPTransceiverDirectionSendonly
	}
	recvOnly := webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}

	audio, err := pc.AddTransceiverFromTrack(s.audioTrack, webrtc.RTPTransceiverInit{Direction: send})
	if err != nil {
		return fmt.Errorf("add audio transceiver: %w", err)
	}
	s.audioSender = audio.Sender()
	if e.cfg.Receive {
		for range 2 {
			if _, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio, recvOnly); err != nil {
				return fmt.Errorf("add audio slot: %w", err)
			}
		}
	}
	video, err := pc.AddTransceiverFromTrack(s.videoTrack, webrtc.RTPTransceiverInit{Direction: send})
	if err != nil {
		return fmt.Errorf("add video transceiver: %w", err)
	}
	s.videoSender = video.Sender()
	if e.cfg.Receive {
		if _, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo, recvOnly); err != nil {
			return fmt.Errorf("add speaker slot: %w", err)
		}
	}
	return nil
}

// negotiatedAudioLevelID returns the header extension id the answer gave the audio level, 0 if none.
func negotiatedAudioLevelID(sender *webrtc.RTPSender) uint8 {
	for _, ext := range sender.GetParameters().HeaderExtensions {
		if ext.URI == audioLevelURI {
			return uint8(ext.ID)
		}
	}
	return 0
}

// recvBuffer is the kernel receive buffer asked for each media socket: the MCU sends its
// packets in batches, and a burst must not overflow the default ~200 KB.
const recvBuffer = 1 << 20

// roomyNet is the standard network with larger UDP receive buffers; a count-only endpoint's
// sockets count the RTP they receive (countingConn); every socket obeys the endpoint's Cut.
type roomyNet struct {
	*stdnet.Net
	e *Endpoint
}

// ListenUDP opens a UDP socket with a recvBuffer receive buffer (as far as the kernel allows).
func (n roomyNet) ListenUDP(network string, laddr *net.UDPAddr) (transport.UDPConn, error) {
	c, err := n.Net.ListenUDP(network, laddr)
	if err != nil {
		return nil, err
	}
	_ = c.SetReadBuffer(recvBuffer)
	if n.e.cfg.CountOnly && n.e.cfg.Receive {
		c = newCountingConn(c, n.e)
	}
	return newCutConn(c, &n.e.cut), nil
}
