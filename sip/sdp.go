package sip

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/pion/sdp/v3"
	"github.com/pion/srtp/v3"
)

// maxSDPBytes bounds an offer the server parses.
const maxSDPBytes = 16 << 10

// errNoAudio is an offer with no audio the server can speak (answered 488).
var errNoAudio = errors.New("no audio stream in a codec the server speaks (Opus, G.722, PCMU, PCMA)")

// offer is what the server takes from a terminal's SDP offer.
type offer struct {
	codec    codecSpec
	pt       uint8 // the offerer's payload type for codec
	dtmfPT   int   // telephone-event payload type; -1 when not offered
	dtmfClk  int   // its clock rate
	remote   *net.UDPAddr
	rtcpMux  bool
	proto    string   // "RTP/AVP" or "RTP/SAVP" (as offered)
	crypto   *sdesKey // the offerer's key when SRTP is offered
	cryptoTg string   // the a=crypto tag answered with
	dir      string   // the offer's direction attribute ("sendrecv" when none)
	media    []*sdp.MediaDescription
	audioIdx int
	video    *videoOffer // nil: the video is refused
}

// sdesKey is one RFC 4568 key: a profile and its master key and salt.
type sdesKey struct {
	suite   string
	profile srtp.ProtectionProfile
	key     []byte
	salt    []byte
}

// sdesSuites are the crypto suites the server accepts, in its preference.
var sdesSuites = map[string]srtp.ProtectionProfile{
	"AES_CM_128_HMAC_SHA1_80": srtp.ProtectionProfileAes128CmHmacSha1_80,
	"AES_CM_128_HMAC_SHA1_32": srtp.ProtectionProfileAes128CmHmacSha1_32,
}

// parseOffer reads the first usable audio stream of an SDP offer.
func parseOffer(body []byte) (*offer, error) {
	if len(body) == 0 {
		return nil, errors.New("no SDP offer in the INVITE (offerless INVITE is not supported)")
	}
	if len(body) > maxSDPBytes {
		return nil, fmt.Errorf("SDP offer of %d bytes, more than %d", len(body), maxSDPBytes)
	}
	var sd sdp.SessionDescription
	if err := sd.UnmarshalString(string(body)); err != nil {
		return nil, fmt.Errorf("SDP offer: %w", err)
	}
	o := &offer{media: sd.MediaDescriptions, audioIdx: -1, dtmfPT: -1}
	for i, md := range sd.MediaDescriptions {
		if md.MediaName.Media != "audio" || md.MediaName.Port.Value == 0 {
			continue
		}
		proto := strings.Join(md.MediaName.Protos, "/")
		if proto != "RTP/AVP" && proto != "RTP/SAVP" {
			continue
		}
		if err := o.readAudio(&sd, md, proto); err != nil {
			if errors.Is(err, errNoAudio) {
				continue
			}
			return nil, err
		}
		o.audioIdx = i
		o.readVideo(&sd)
		return o, nil
	}
	return nil, errNoAudio
}

// readAudio fills o from one audio media description.
func (o *offer) readAudio(sd *sdp.SessionDescription, md *sdp.MediaDescription, proto string) error {
	maps := map[uint8]string{} // payload type -> "NAME/clock"
	for _, a := range md.Attributes {
		if a.Key != "rtpmap" {
			continue
		}
		ptStr, enc, ok := strings.Cut(a.Value, " ")
		pt, err := strconv.Atoi(ptStr)
		if ok && err == nil && pt >= 0 && pt < 128 {
			maps[uint8(pt)] = enc
		}
	}
	found := false
	var dtmf []struct{ pt, clock int }
	for _, f := range md.MediaName.Formats {
		pt, err := strconv.Atoi(f)
		if err != nil || pt < 0 || pt > 127 {
			continue
		}
		enc := maps[uint8(pt)]
		name, rest, _ := strings.Cut(enc, "/")
		clockStr, _, _ := strings.Cut(rest, "/")
		clock, _ := strconv.Atoi(clockStr)
		if strings.EqualFold(name, "telephone-event") {
			dtmf = append(dtmf, struct{ pt, clock int }{pt, clock})
			continue
		}
		if found {
			continue
		}
		c, ok := lookupCodec(name, uint8(pt))
		if !ok || (enc != "" && clock != c.clock) || (enc == "" && pt >= 96) {
			continue
		}
		o.codec, o.pt, found = c, uint8(pt), true
	}
	if !found {
		return errNoAudio
	}
	for _, d := range dtmf {
		if o.dtmfPT < 0 || d.clock == o.codec.clock {
			o.dtmfPT, o.dtmfClk = d.pt, d.clock
		}
	}
	o.proto = proto
	o.dir = "sendrecv"
	for _, a := range md.Attributes {
		switch a.Key {
		case "rtcp-mux":
			o.rtcpMux = true
		case "sendrecv", "sendonly", "recvonly", "inactive":
			o.dir = a.Key
		case "crypto":
			if o.crypto == nil {
				if k, tag, err := parseCrypto(a.Value); err == nil {
					o.crypto, o.cryptoTg = k, tag
				}
			}
		}
	}
	if proto == "RTP/SAVP" && o.crypto == nil {
		return fmt.Errorf("SRTP offered without a crypto suite the server accepts (%s)", "AES_CM_128_HMAC_SHA1_80/32")
	}
	conn := md.ConnectionInformation
	if conn == nil {
		conn = sd.ConnectionInformation
	}
	if conn == nil || conn.Address == nil {
		return errors.New("SDP offer: no connection address (c=)")
	}
	ip := net.ParseIP(conn.Address.Address)
	if ip == nil {
		return fmt.Errorf("SDP offer: connection address %q is not an IP address", conn.Address.Address)
	}
	o.remote = &net.UDPAddr{IP: ip, Port: md.MediaName.Port.Value}
	return nil
}

// parseCrypto reads "tag SUITE inline:base64(key||salt)[|lifetime][|mki]" (RFC 4568 9.1).
func parseCrypto(v string) (*sdesKey, string, error) {
	f := strings.Fields(v)
	if len(f) < 3 {
		return nil, "", errors.New("crypto attribute too short")
	}
	prof, ok := sdesSuites[f[1]]
	if !ok {
		return nil, "", fmt.Errorf("crypto suite %s not supported", f[1])
	}
	inline, ok := strings.CutPrefix(f[2], "inline:")
	if !ok {
		return nil, "", errors.New("crypto key is not inline")
	}
	keySalt, _, _ := strings.Cut(inline, "|")
	raw, err := base64.StdEncoding.DecodeString(keySalt)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(keySalt)
	}
	if err != nil || len(raw) != 30 {
		return nil, "", errors.New("crypto key is not 30 bytes of base64")
	}
	return &sdesKey{suite: f[1], profile: prof, key: raw[:16], salt: raw[16:]}, f[0], nil
}

// newSDESKey makes the server's own key for suite.
func newSDESKey(suite string) (*sdesKey, error) {
	raw := make([]byte, 30)
	if _, err := rand.Read(raw); err != nil {
		return nil, fmt.Errorf("SRTP key: %w", err)
	}
	return &sdesKey{suite: suite, profile: sdesSuites[suite], key: raw[:16], salt: raw[16:]}, nil
}

// answerDir is the direction answering dir.
func answerDir(dir string) string {
	switch dir {
	case "sendonly":
		return "recvonly"
	case "recvonly":
		return "sendonly"
	}
	return dir
}

// inline is the key's RFC 4568 key-params: base64 of key and salt.
func (k *sdesKey) inline() string {
	return base64.StdEncoding.EncodeToString(append(append([]byte{}, k.key...), k.salt...))
}

// answer builds the SDP answer: the chosen audio stream on local, the video on videoLocal when
// it is taken (o.video and videoLocal not nil), every other stream refused.
func (o *offer) answer(local *net.UDPAddr, own *sdesKey, videoLocal ...*net.UDPAddr) ([]byte, error) {
	ip := local.IP.String()
	ipType := "IP4"
	if local.IP.To4() == nil {
		ipType = "IP6"
	}
	now := uint64(time.Now().UnixNano())
	sd := &sdp.SessionDescription{
		Version: 0,
		Origin: sdp.Origin{Username: "diemcau", SessionID: now, SessionVersion: now,
			NetworkType: "IN", AddressType: ipType, UnicastAddress: ip},
		SessionName:           "diemcau",
		ConnectionInformation: &sdp.ConnectionInformation{NetworkType: "IN", AddressType: ipType, Address: &sdp.Address{Address: ip}},
		TimeDescriptions:      []sdp.TimeDescription{{Timing: sdp.Timing{}}},
	}
	for i, md := range o.media {
		if o.video != nil && i == o.video.idx && len(videoLocal) > 0 && videoLocal[0] != nil {
			sd.MediaDescriptions = append(sd.MediaDescriptions, o.video.answer(videoLocal[0], md.MediaName.Protos, own))
			continue
		}
		if i != o.audioIdx {
			formats := md.MediaName.Formats
			if len(formats) > 1 {
				formats = formats[:1]
			}
			sd.MediaDescriptions = append(sd.MediaDescriptions, &sdp.MediaDescription{MediaName: sdp.MediaName{
				Media: md.MediaName.Media, Port: sdp.RangedPort{Value: 0}, Protos: md.MediaName.Protos, Formats: formats}})
			continue
		}
		pt := strconv.Itoa(int(o.pt))
		am := &sdp.MediaDescription{MediaName: sdp.MediaName{Media: "audio", Port: sdp.RangedPort{Value: local.Port},
			Protos: strings.Split(o.proto, "/"), Formats: []string{pt}}}
		enc := fmt.Sprintf("%s/%d", rtpmapName(o.codec), o.codec.clock)
		if o.codec.channel > 1 {
			enc += "/" + strconv.Itoa(o.codec.channel)
		}
		am.WithValueAttribute("rtpmap", pt+" "+enc)
		if o.codec.name == "OPUS" {
			am.WithValueAttribute("fmtp", pt+" useinbandfec=1;stereo=0;sprop-stereo=0")
		}
		if o.dtmfPT >= 0 {
			d := strconv.Itoa(o.dtmfPT)
			am.MediaName.Formats = append(am.MediaName.Formats, d)
			am.WithValueAttribute("rtpmap", fmt.Sprintf("%s telephone-event/%d", d, o.dtmfClk))
			am.WithValueAttribute("fmtp", d+" 0-16")
		}
		am.WithValueAttribute("ptime", strconv.Itoa(frameMs))
		am.WithPropertyAttribute(answerDir(o.dir))
		if o.rtcpMux {
			am.WithPropertyAttribute("rtcp-mux")
		}
		if own != nil {
			am.WithValueAttribute("crypto", o.cryptoTg+" "+own.suite+" inline:"+own.inline())
		}
		sd.MediaDescriptions = append(sd.MediaDescriptions, am)
	}
	return sd.Marshal()
}

// rtpmapName is the encoding name as written in an rtpmap.
func rtpmapName(c codecSpec) string {
	if c.name == "OPUS" {
		return "opus"
	}
	return c.name
}
