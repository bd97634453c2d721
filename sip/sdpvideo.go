package sip

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/pion/sdp/v3"
)

// videoOffer is the terminal's H.264 stream as offered: the picture it sends and receives.
type videoOffer struct {
	idx     int
	pt      uint8
	fmtp    string // the offer's fmtp parameters for pt (profile-level-id, …), answered as given
	remote  *net.UDPAddr
	rtcpMux bool
	crypto  *sdesKey
	tag     string
}

// readVideo finds the first video stream offering H.264 in packetization mode 1 (the mode the
// MCU forwards without repacketizing); none leaves o.video nil and the video refused.
func (o *offer) readVideo(sd *sdp.SessionDescription) {
	for i, md := range sd.MediaDescriptions {
		proto := strings.Join(md.MediaName.Protos, "/")
		if md.MediaName.Media != "video" || md.MediaName.Port.Value == 0 || proto != o.proto {
			continue
		}
		fmtps := map[string]string{}
		h264 := map[string]bool{}
		for _, a := range md.Attributes {
			pt, rest, _ := strings.Cut(a.Value, " ")
			switch a.Key {
			case "rtpmap":
				if strings.EqualFold(rest, "H264/90000") {
					h264[pt] = true
				}
			case "fmtp":
				fmtps[pt] = rest
			}
		}
		for _, f := range md.MediaName.Formats {
			n, err := strconv.Atoi(f)
			if err != nil || n < 96 || n > 127 || !h264[f] || !strings.Contains(fmtps[f], "packetization-mode=1") {
				continue
			}
			v := &videoOffer{idx: i, pt: uint8(n), fmtp: fmtps[f]}
			conn := md.ConnectionInformation
			if conn == nil {
				conn = sd.ConnectionInformation
			}
			if conn == nil || conn.Address == nil || net.ParseIP(conn.Address.Address) == nil {
				return
			}
			v.remote = &net.UDPAddr{IP: net.ParseIP(conn.Address.Address), Port: md.MediaName.Port.Value}
			for _, a := range md.Attributes {
				switch a.Key {
				case "rtcp-mux":
					v.rtcpMux = true
				case "crypto":
					if v.crypto == nil {
						v.crypto, v.tag, _ = parseCrypto(a.Value)
					}
				}
			}
			if (o.crypto == nil) != (v.crypto == nil) {
				return // both streams encrypted or neither
			}
			o.video = v
			return
		}
	}
}

// videoAnswer is the answer's video stream on local.
func (v *videoOffer) answer(local *net.UDPAddr, protos []string, own *sdesKey) *sdp.MediaDescription {
	pt := strconv.Itoa(int(v.pt))
	md := &sdp.MediaDescription{MediaName: sdp.MediaName{Media: "video", Port: sdp.RangedPort{Value: local.Port},
		Protos: protos, Formats: []string{pt}}}
	md.WithValueAttribute("rtpmap", pt+" H264/90000")
	if v.fmtp != "" {
		md.WithValueAttribute("fmtp", pt+" "+v.fmtp)
	}
	for _, fb := range []string{"nack", "nack pli", "ccm fir"} {
		md.WithValueAttribute("rtcp-fb", pt+" "+fb)
	}
	md.WithPropertyAttribute("sendrecv")
	if v.rtcpMux {
		md.WithPropertyAttribute("rtcp-mux")
	}
	if own != nil {
		md.WithValueAttribute("crypto", fmt.Sprintf("%s %s inline:%s", v.tag, own.suite, own.inline()))
	}
	return md
}
