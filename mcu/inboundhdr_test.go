package mcu

import (
	"testing"

	"github.com/pion/interceptor"
	"github.com/pion/interceptor/pkg/nack"
	"github.com/pion/interceptor/pkg/report"
	"github.com/pion/rtp"
)

// TestInboundHeadersFeedTheInterceptors reads RTP through the MCU's inbound chain of real Pion
// interceptors (headers, NACK generator, receiver reports) and checks that each packet's own
// header reaches them, a later packet replacing an earlier one, and that the chain allocates
// nothing per packet.
func TestInboundHeadersFeedTheInterceptors(t *testing.T) {
	if rtpHeaderAttr == nil {
		t.Fatal("the attributes key of GetRTPHeader was not learnt")
	}
	gen, err := nack.NewGeneratorInterceptor()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := report.NewReceiverInterceptor()
	if err != nil {
		t.Fatal(err)
	}
	ir := &interceptor.Registry{}
	ir.Add(inboundHeadersFactory{})
	ir.Add(gen)
	ir.Add(rep)
	chain, err := ir.Build("pc")
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()

	var raw []byte
	seq := uint16(100)
	next := func() {
		seq++
		p := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 96, SequenceNumber: seq, Timestamp: 9000, SSRC: 0xabc,
			CSRC: []uint32{7}}, Payload: make([]byte, 1000)}
		raw, _ = p.Marshal()
	}
	net := interceptor.RTPReaderFunc(func(b []byte, a interceptor.Attributes) (int, interceptor.Attributes, error) {
		return copy(b, raw), a, nil
	})
	info := &interceptor.StreamInfo{SSRC: 0xabc, ClockRate: 90000, MimeType: mimeVP8,
		RTCPFeedback: []interceptor.RTCPFeedback{{Type: "nack"}}}
	r := chain.BindRemoteStream(info, net)
	buf := make([]byte, 1500)
	for range 3 {
		next()
		n, attrs, err := r.Read(buf, nil)
		if err != nil || n != len(raw) {
			t.Fatalf("read %d of %d: %v", n, len(raw), err)
		}
		h, err := attrs.GetRTPHeader(buf[:n])
		if err != nil || h.SequenceNumber != seq || h.SSRC != 0xabc || len(h.CSRC) != 1 || h.CSRC[0] != 7 {
			t.Fatalf("header %+v (%v), want sequence %d", h, err, seq)
		}
	}
	allocs := testing.AllocsPerRun(200, func() {
		next()
		if _, _, err := r.Read(buf, nil); err != nil {
			t.Fatal(err)
		}
	})
	// next() itself marshals into a new slice: one allocation that is the test's, not the chain's.
	if allocs > 1 {
		t.Fatalf("%.1f allocations per packet through the inbound chain, want none", allocs-1)
	}
}
