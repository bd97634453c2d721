package mcu

import (
	"fmt"
	"sync"

	"github.com/pion/dtls/v3"
	"github.com/pion/ice/v4"
	"github.com/pion/interceptor"
	"github.com/pion/interceptor/pkg/stats"
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

// newWebRTCAPI builds the one webrtc.API the MCU uses for every PeerConnection.
func newWebRTCAPI(cfg Config, reg *statsRegistry) (*webrtc.API, ice.UDPMux, error) {
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

	ir := &interceptor.Registry{}
	if err := webrtc.ConfigureNack(me, ir); err != nil {
		return nil, nil, fmt.Errorf("configure nack: %w", err)
	}
	if err := webrtc.ConfigureRTCPReports(ir); err != nil {
		return nil, nil, fmt.Errorf("configure rtcp reports: %w", err)
	}
	sf, err := stats.NewInterceptor()
	if err != nil {
		return nil, nil, fmt.Errorf("stats interceptor: %w", err)
	}
	sf.OnNewPeerConnection(func(id string, g stats.Getter) { reg.m.Store(id, g) })
	ir.Add(sf)

	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(cfg.Loopback)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeQueryOnly)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4, webrtc.NetworkTypeUDP6})
	se.SetSRTPProtectionProfiles(dtls.SRTP_AEAD_AES_128_GCM, dtls.SRTP_AES128_CM_HMAC_SHA1_80)
	if len(cfg.PublicIPs) > 0 {
		se.SetNAT1To1IPs(cfg.PublicIPs, webrtc.ICECandidateTypeHost)
	}
	var mux ice.UDPMux
	if cfg.UDPPort != 0 {
		var opts []ice.UDPMuxFromPortOption
		if cfg.Loopback {
			opts = append(opts, ice.UDPMuxFromPortWithLoopback())
		}
		mm, err := ice.NewMultiUDPMuxFromPort(cfg.UDPPort, opts...)
		if err != nil {
			return nil, nil, fmt.Errorf("udp mux on port %d: %w", cfg.UDPPort, err)
		}
		se.SetICEUDPMux(mm)
		mux = mm
	}
	api := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se))
	return api, mux, nil
}
