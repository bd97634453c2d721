package sip

import (
	"io"
	"log/slog"
	"math"
	"net"
	"testing"

	"diemcau/audio/opus"
)

// speechFrame is 20 ms of a 440 Hz tone at rate.
func toneFrame(rate int) []int16 {
	pcm := make([]int16, rate*frameMs/1000)
	for i := range pcm {
		pcm[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/float64(rate)))
	}
	return pcm
}

// BenchmarkDownlinkG722: one terminal's 20 ms of mix — three open microphones' Opus packets
// decoded, mixed, limited, resampled to 16 kHz and encoded in G.722, and sent.
func BenchmarkDownlinkG722(b *testing.B) {
	spec, _ := lookupCodec("G722", 9)
	v, err := newVoice(spec)
	if err != nil {
		b.Fatal(err)
	}
	m, err := openMedia(net.IPv4(127, 0, 0, 1), true)
	if err != nil {
		b.Fatal(err)
	}
	defer m.close()
	sink, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	defer sink.Close()
	if err := m.start(sink.LocalAddr().(*net.UDPAddr), true, nil, nil, nil); err != nil {
		b.Fatal(err)
	}
	d, err := newDownlink(spec, 9, v, m, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	enc, err := opus.NewEncoder(32000, 5)
	if err != nil {
		b.Fatal(err)
	}
	payload, err := enc.Encode(toneFrame(48000))
	if err != nil {
		b.Fatal(err)
	}
	payload = append([]byte(nil), payload...)
	for slot := range audioSlots { // prebuffer
		for range 2 {
			d.queue(slotPacket{slot: slot, payload: payload})
		}
	}
	b.ResetTimer()
	for range b.N {
		for slot := range audioSlots {
			d.queue(slotPacket{slot: slot, payload: payload})
		}
		d.tick()
	}
}

// BenchmarkUplinkG722: one terminal's 20 ms of voice into the conference — G.722 decoded,
// resampled to 48 kHz, encoded in Opus, its level measured.
func BenchmarkUplinkG722(b *testing.B) {
	spec, _ := lookupCodec("G722", 9)
	enc, err := newVoice(spec)
	if err != nil {
		b.Fatal(err)
	}
	g722, err := enc.encode(toneFrame(16000))
	if err != nil {
		b.Fatal(err)
	}
	g722 = append([]byte(nil), g722...)
	dec, err := newVoice(spec)
	if err != nil {
		b.Fatal(err)
	}
	u, err := newUplink(spec, dec, func(uint16, uint32, uint8, []byte) {})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		u.packet(g722)
	}
}
