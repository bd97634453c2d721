package sip

import (
	"encoding/binary"
	"net"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
)

// videoLink is a call's H.264 stream: the terminal's camera into the conference, the speaker
// slot's picture back, keyframe requests both ways (PLI and FIR, RFC 5104).
type videoLink struct {
	c        *call
	pt       uint8
	m        *media
	camSSRC  uint32        // the SSRC the conference knows the camera by
	termSSRC atomic.Uint32 // the terminal's own camera SSRC (keyframe requests name it)
	firSeq   atomic.Uint32
}

// read reads the video socket until the call ends: the camera's RTP to the conference, the
// terminal's keyframe requests and NACKs about its picture to the MCU.
func (v *videoLink) read(conn *net.UDPConn, rtcpPort bool) {
	v.m.serve(conn, rtcpPort, v.readRTCP, func(raw []byte) {
		if len(raw) < 12 || raw[1]&0x7f != v.pt {
			return
		}
		v.m.heard.Store(time.Now().UnixNano())
		v.termSSRC.Store(binary.BigEndian.Uint32(raw[8:12]))
		binary.BigEndian.PutUint32(raw[8:12], v.camSSRC)
		v.c.seat.video(raw)
	})
}

func (v *videoLink) readRTCP(raw []byte) {
	pkts, err := v.m.rtcpPackets(raw)
	if err != nil {
		return
	}
	for _, p := range pkts {
		switch p := p.(type) {
		case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
			v.c.seat.pictureLost()
		case *rtcp.TransportLayerNack:
			v.c.seat.nack(p)
		}
	}
}

// requestKeyframe asks the terminal's camera for a keyframe, as PLI and as FIR (some terminals
// answer only one of them).
func (v *videoLink) requestKeyframe() {
	media := v.termSSRC.Load()
	if media == 0 {
		return
	}
	seq := uint8(v.firSeq.Add(1))
	_ = v.m.sendRTCP(
		&rtcp.PictureLossIndication{SenderSSRC: v.m.ssrc, MediaSSRC: media},
		&rtcp.FullIntraRequest{SenderSSRC: v.m.ssrc, MediaSSRC: media,
			FIR: []rtcp.FIREntry{{SSRC: media, SequenceNumber: seq}}})
}

// pictureWriter takes the speaker slot's packets to the terminal; the forwarder calls it.
type pictureWriter struct{ v *videoLink }

// WriteRTP implements mcu.RTPWriter.
func (w pictureWriter) WriteRTP(h *rtp.Header, payload []byte) (int, error) {
	if err := w.v.m.sendHeader(h, payload); err != nil {
		return 0, err
	}
	return len(payload), nil
}
