package mcu

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/pion/dtls/v3"
	"github.com/pion/ice/v4"
	"github.com/pion/interceptor"
	"github.com/pion/interceptor/pkg/nack"
	"github.com/pion/interceptor/pkg/stats"
	"github.com/pion/transport/v5/stdnet"
	"github.com/pion/webrtc/v4"
)

const (
	audioLevelURI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
	mimeOpus      = webrtc.MimeTypeOpus
	mimeVP8       = webrtc.MimeTypeVP8
	mimeH264      = webrtc.MimeTypeH264
)

// Codecs the MCU negotiates; forwarded as-is, never transcoded.
var (
	codecOpus = webrtc.RTPCodecCapability{MimeType: mimeOpus, ClockRate: 48000, Channels: 2,
		SDPFmtpLine: "minptime=10;useinbandfec=1"}
	codecVP8  = webrtc.RTPCodecCapability{MimeType: mimeVP8, ClockRate: 90000, RTCPFeedback: videoFeedback}
	codecH264 = webrtc.RTPCodecCapability{MimeType: mimeH264, ClockRate: 90000, RTCPFeedback: videoFeedback,
		SDPFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"}
	videoFeedback = []webrtc.RTCPFeedback{{Type: "nack"}, {Type: "nack", Parameter: "pli"}, {Type: "ccm", Parameter: "fir"}}
)

// statsRegistry maps a PeerConnection ID to the stats interceptor's getter for it.
type statsRegistry struct{ m sync.Map }

func (s *statsRegistry) get(pcID string) stats.Getter {
	if v, ok := s.m.Load(pcID); ok {
		return v.(stats.Getter)
	}
	return nil
}

// inboundStats is the stats interceptor without per-packet work: it still registers every
// stream, so receiver reports on our outbound streams give RTT, but it neither clones every
// forwarded packet's header (the MCU counts its own outbound bytes) nor records every inbound
// packet (sources keep their own loss and jitter, recvstats.go).
type inboundStats struct{ f *stats.InterceptorFactory }

// NewInterceptor implements interceptor.Factory.
func (s inboundStats) NewInterceptor(id string) (interceptor.Interceptor, error) {
	i, err := s.f.NewInterceptor(id)
	if err != nil {
		return nil, err
	}
	return inboundStatsInterceptor{i}, nil
}

type inboundStatsInterceptor struct{ interceptor.Interceptor }

// BindLocalStream registers the stream with the stats interceptor and returns writer unwrapped.
func (s inboundStatsInterceptor) BindLocalStream(info *interceptor.StreamInfo, writer interceptor.RTPWriter) interceptor.RTPWriter {
	s.Interceptor.BindLocalStream(info, writer)
	return writer
}

// BindRemoteStream registers the stream with the stats interceptor and returns reader unwrapped.
func (s inboundStatsInterceptor) BindRemoteStream(info *interceptor.StreamInfo, reader interceptor.RTPReader) interceptor.RTPReader {
	s.Interceptor.BindRemoteStream(info, reader)
	return reader
}

// forget drops the getter of a closed PeerConnection.
func (s *statsRegistry) forget(pcID string) { s.m.Delete(pcID) }

// pcFactory makes the MCU's PeerConnections. The media engine, interceptor registry and setting
// engine are built once and shared; so is one ECDSA P-256 DTLS certificate (Pion would otherwise
// generate a key and sign a certificate for every PeerConnection). Each PeerConnection gets its
// own webrtc.API, a few pointers, only so that its Pion logger knows its session
// (rtcpguard.go): creations run in parallel, with no lock around NewPeerConnection.
type pcFactory struct {
	me *webrtc.MediaEngine
	ir *interceptor.Registry
	se webrtc.SettingEngine // LoggerFactory: the MCU's rate-limited Pion logs (pionlog.go)

	certMu sync.Mutex
	cert   *webrtc.Certificate // nil until the first PeerConnection; renewed before it expires
}

// certRenewBefore is how long before its expiry (Pion's certificates last a month) the shared
// DTLS certificate is replaced; sessions already up keep the one they negotiated with.
const certRenewBefore = 24 * time.Hour

// certificate returns the shared DTLS certificate, generating it on first use and when it is
// about to expire.
func (f *pcFactory) certificate() (webrtc.Certificate, error) {
	f.certMu.Lock()
	defer f.certMu.Unlock()
	if f.cert == nil || time.Until(f.cert.Expires()) < certRenewBefore {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return webrtc.Certificate{}, fmt.Errorf("dtls certificate key: %w", err)
		}
		cert, err := webrtc.GenerateCertificate(key)
		if err != nil {
			return webrtc.Certificate{}, fmt.Errorf("dtls certificate: %w", err)
		}
		f.cert = cert
	}
	return *f.cert, nil
}

// newPCFactory builds what every PeerConnection of the MCU shares; Pion's own logs go to pion,
// rate-limited (pionlog.go).
func newPCFactory(cfg Config, reg *statsRegistry, batches *batchSet, pion *pionLogs) (*pcFactory, ice.UDPMux, error) {
	me := &webrtc.MediaEngine{}
	codecs := []struct {
		c   webrtc.RTPCodecCapability
		pt  webrtc.PayloadType
		typ webrtc.RTPCodecType
	}{
		{codecOpus, 111, webrtc.RTPCodecTypeAudio},
		{codecVP8, 96, webrtc.RTPCodecTypeVideo},
		{codecH264, 102, webrtc.RTPCodecTypeVideo},
	}
	for _, c := range codecs {
		if err := me.RegisterCodec(webrtc.RTPCodecParameters{RTPCodecCapability: c.c, PayloadType: c.pt}, c.typ); err != nil {
			return nil, nil, fmt.Errorf("register codec %s: %w", c.c.MimeType, err)
		}
	}
	if err := me.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: audioLevelURI}, webrtc.RTPCodecTypeAudio); err != nil {
		return nil, nil, fmt.Errorf("register audio level extension: %w", err)
	}

	// The first interceptor added sits nearest the network. Stats must come before the RTCP
	// reports so that it sees the sender reports they generate: remote-inbound RTT pairs the
	// receiver's LSR/DLSR with the NTP time of our own sender report.
	ir := &interceptor.Registry{}
	ir.Add(inboundHeadersFactory{}) // nearest the network: parses each inbound header once, into reused memory
	sf, err := stats.NewInterceptor()
	if err != nil {
		return nil, nil, fmt.Errorf("stats interceptor: %w", err)
	}
	sf.OnNewPeerConnection(func(id string, g stats.Getter) { reg.m.Store(id, g) })
	ir.Add(inboundStats{sf})
	// NACKs: the generator asks sources to resend what we lost; receivers' NACKs are answered
	// from each source's packet cache (binding.resend), not by Pion's responder, which would keep
	// one copy of every forwarded packet per receiver.
	gen, err := nack.NewGeneratorInterceptor()
	if err != nil {
		return nil, nil, fmt.Errorf("nack generator: %w", err)
	}
	ir.Add(gen)
	if err := webrtc.ConfigureRTCPReports(ir); err != nil {
		return nil, nil, fmt.Errorf("configure rtcp reports: %w", err)
	}

	se := webrtc.SettingEngine{LoggerFactory: pion}
	se.SetIncludeLoopbackCandidate(cfg.Loopback || cfg.LoopbackOnly)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeQueryOnly)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4, webrtc.NetworkTypeUDP6})
	se.SetSRTPProtectionProfiles(dtls.SRTP_AEAD_AES_128_GCM, dtls.SRTP_AES128_CM_HMAC_SHA1_80)
	if len(cfg.PublicIPs) > 0 {
		// NAT 1:1: the host candidates carry the public addresses instead of the local ones.
		if err := se.SetICEAddressRewriteRules(webrtc.ICEAddressRewriteRule{External: cfg.PublicIPs,
			AsCandidateType: webrtc.ICECandidateTypeHost, Mode: webrtc.ICEAddressRewriteReplace}); err != nil {
			return nil, nil, fmt.Errorf("public addresses %v: %w", cfg.PublicIPs, err)
		}
	}
	if cfg.LoopbackOnly {
		se.SetInterfaceFilter(isLoopbackInterface)
	}
	var mux ice.UDPMux
	if cfg.UDPPort != 0 {
		n, err := stdnet.NewNet()
		if err != nil {
			return nil, nil, fmt.Errorf("udp mux network: %w", err)
		}
		// One socket takes every peer's media: give it room for bursts (capped by net.core.rmem_max).
		opts := []ice.UDPMuxFromPortOption{ice.UDPMuxFromPortWithNet(batchNet{Net: n, set: batches}),
			ice.UDPMuxFromPortWithReadBufferSize(socketBuffer), ice.UDPMuxFromPortWithWriteBufferSize(socketBuffer)}
		if cfg.Loopback || cfg.LoopbackOnly {
			opts = append(opts, ice.UDPMuxFromPortWithLoopback())
		}
		if cfg.LoopbackOnly {
			opts = append(opts, ice.UDPMuxFromPortWithInterfaceFilter(isLoopbackInterface))
		}
		mm, err := ice.NewMultiUDPMuxFromPort(cfg.UDPPort, opts...)
		if err != nil {
			return nil, nil, fmt.Errorf("udp mux on port %d: %w", cfg.UDPPort, err)
		}
		se.SetICEUDPMux(mm)
		mux = mm
	}
	return &pcFactory{me: me, ir: ir, se: se}, mux, nil
}

// isLoopbackInterface keeps only loopback interfaces (Config.LoopbackOnly).
func isLoopbackInterface(name string) bool { return strings.HasPrefix(name, "lo") }
