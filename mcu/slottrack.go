package mcu

import (
	"fmt"

	"github.com/pion/interceptor"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// newSlotTrack makes the local track of a slot whose packets go to w instead of a
// PeerConnection: the recorder's queue, or the RTPWriter of an attached transport. The slot's
// binding writes to it exactly as to a receiver's PeerConnection, and Pion's track sets the
// SSRC and payload type given here on every packet.
func newSlotTrack(id, slot string, codec webrtc.RTPCodecCapability, pt uint8, ssrc uint32,
	w webrtc.TrackLocalWriter) (*webrtc.TrackLocalStaticRTP, error) {
	track, err := webrtc.NewTrackLocalStaticRTP(codec, slot, "diemcau-"+id)
	if err != nil {
		return nil, fmt.Errorf("slot %s: %w", slot, err)
	}
	ctx := &slotTrackContext{id: id, ssrc: webrtc.SSRC(ssrc), w: w,
		codec: webrtc.RTPCodecParameters{RTPCodecCapability: codec, PayloadType: webrtc.PayloadType(pt)}}
	if _, err := track.Bind(ctx); err != nil {
		return nil, fmt.Errorf("slot %s: bind: %w", slot, err)
	}
	return track, nil
}

// slotTrackContext binds a slot's local track to a writer instead of a PeerConnection.
type slotTrackContext struct {
	id    string
	codec webrtc.RTPCodecParameters
	ssrc  webrtc.SSRC
	w     webrtc.TrackLocalWriter
}

func (c *slotTrackContext) CodecParameters() []webrtc.RTPCodecParameters {
	return []webrtc.RTPCodecParameters{c.codec}
}
func (c *slotTrackContext) HeaderExtensions() []webrtc.RTPHeaderExtensionParameter { return nil }
func (c *slotTrackContext) SSRC() webrtc.SSRC                                      { return c.ssrc }
func (c *slotTrackContext) SSRCRetransmission() webrtc.SSRC                        { return 0 }
func (c *slotTrackContext) SSRCForwardErrorCorrection() webrtc.SSRC                { return 0 }
func (c *slotTrackContext) WriteStream() webrtc.TrackLocalWriter                   { return c.w }
func (c *slotTrackContext) ID() string                                             { return c.id }
func (c *slotTrackContext) RTCPReader() interceptor.RTCPReader                     { return nil }

// rtpWriterStream is the write side of an attached transport's slot.
type rtpWriterStream struct{ RTPWriter }

// Write hands one marshalled packet to the writer.
func (w rtpWriterStream) Write(b []byte) (int, error) { return writeMarshalled(w.RTPWriter, b) }

// writeMarshalled parses a marshalled packet and writes it to w; Pion's local track writes
// header and payload apart, so this serves only its rare whole-packet writes.
func writeMarshalled(w RTPWriter, b []byte) (int, error) {
	var pkt rtp.Packet
	if err := pkt.Unmarshal(b); err != nil {
		return 0, err
	}
	return w.WriteRTP(&pkt.Header, pkt.Payload)
}
