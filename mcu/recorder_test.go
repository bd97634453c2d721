package mcu

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media/h264reader"
	"github.com/pion/webrtc/v4/pkg/media/ivfreader"
	"github.com/pion/webrtc/v4/pkg/media/oggreader"
)

// ivfFrames reads an IVF file with Pion's reader: its header and every frame's timestamp,
// and whether the first frame is a keyframe.
func ivfFrames(t *testing.T, path string) (*ivfreader.IVFFileHeader, []uint64, bool) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, hdr, err := ivfreader.NewWith(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var ts []uint64
	firstKey := false
	for {
		frame, fh, err := r.ParseNextFrame()
		if errors.Is(err, io.EOF) {
			return hdr, ts, firstKey
		}
		if err != nil {
			t.Fatalf("%s frame %d: %v", path, len(ts), err)
		}
		if len(ts) == 0 {
			firstKey = len(frame) > 0 && frame[0]&0x01 == 0
		}
		ts = append(ts, fh.Timestamp)
	}
}

// oggPages reads an Ogg Opus file with Pion's reader and counts its audio pages.
func oggPages(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, hdr, err := oggreader.NewWith(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if hdr.SampleRate != 48000 || hdr.Channels != 2 {
		t.Errorf("%s: OpusHead %d Hz × %d", path, hdr.SampleRate, hdr.Channels)
	}
	n := 0
	for {
		_, _, err := r.ParseNextPage()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatalf("%s page %d: %v", path, n, err)
		}
		n++
	}
}

// recorderBindings counts the recorder's slots still in some source's fan-out.
func recorderBindings(c *Conference) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.sessions {
		for _, src := range []*source{s.audioIn.Load(), s.videoIn.Load()} {
			if src == nil {
				continue
			}
			for _, b := range *src.fanout.Load() {
				if b.recv.id == "recorder" {
					n++
				}
			}
		}
	}
	return n
}

// TestRecordingAcrossSpeakerSwitch records a real loopback meeting while B speaks, moves the
// floor to C, stops, and reads the files back with Pion's readers: one IVF of the speaker slot
// starting at a keyframe with the camera's size and timestamps rising across the switch, and
// one Ogg Opus file per audio slot.
func TestRecordingAcrossSpeakerSwitch(t *testing.T) {
	dir := t.TempDir()
	h := newHarnessConfig(t, Config{Loopback: true, RecordingsDir: dir}, ConferenceSpec{MeetingID: 42})
	ctx := context.Background()
	for _, id := range []string{"MAIN", "B", "C"} {
		h.client(id)
	}
	if err := h.conf.GrantFloor(ctx, "tech.an", "B"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.conf.StopRecording(ctx, "tech.an"); !errors.Is(err, ErrNotRecording) {
		t.Fatalf("stop before start: %v", err)
	}
	st, err := h.conf.StartRecording(ctx, "tech.an")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "42"); st.Dir != want {
		t.Fatalf("recording folder %q, want %q", st.Dir, want)
	}
	if _, err := h.conf.StartRecording(ctx, "tech.an"); !errors.Is(err, ErrRecording) {
		t.Fatalf("second start: %v", err)
	}
	h.waitEvent(EventRecording, "")
	rec := func() RecordingStatus {
		s, ok := h.conf.Recording()
		if !ok {
			t.Fatal("not recording")
		}
		return s
	}
	speakerFile := func(s RecordingStatus) string {
		for _, f := range s.Files {
			if strings.HasSuffix(f, "-speaker.ivf") {
				return f
			}
		}
		return ""
	}
	eventually(t, 10*time.Second, func() bool { return speakerFile(rec()) != "" }, "speaker video never recorded")
	ivf := speakerFile(rec())
	eventually(t, 10*time.Second, func() bool { _, ts, _ := ivfFrames(t, ivf); return len(ts) >= 10 },
		"too few frames of B")
	_, before, _ := ivfFrames(t, ivf)

	if err := h.conf.GrantFloor(ctx, "tech.an", "C"); err != nil {
		t.Fatal(err)
	}
	h.waitEvent(EventSpeaker, "C")
	eventually(t, 5*time.Second, func() bool {
		c, _ := h.conf.lookup("C")
		h.conf.mu.Lock()
		r := h.conf.rec
		h.conf.mu.Unlock()
		return r != nil && r.video[0].source() == c.sess.videoIn.Load()
	}, "the recorder's speaker slot never moved to C")
	switched := len(before)
	eventually(t, 10*time.Second, func() bool { _, ts, _ := ivfFrames(t, ivf); return len(ts) >= switched+10 },
		"too few frames after the switch")

	final, err := h.conf.StopRecording(ctx, "tech.lan")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := h.conf.Recording(); ok {
		t.Fatal("still recording after stop")
	}
	if !h.journal.hasAction("recording_start", "", "") || !h.journal.hasAction("recording_stop", "", "") {
		t.Error("start or stop not journaled")
	}
	if final.StoppedBy != "tech.lan" || final.Duration() <= 0 || final.Bytes <= 0 {
		t.Errorf("final status %+v", final)
	}

	hdr, ts, firstKey := ivfFrames(t, ivf)
	t.Logf("%d frames (%d before the switch), %d files, %d bytes, %d packets, %d dropped",
		len(ts), switched, len(final.Files), final.Bytes, final.Packets, final.Dropped)
	if hdr.FourCC != "VP80" || hdr.Width != 1280 || hdr.Height != 720 {
		t.Errorf("IVF header %s %dx%d, want VP80 1280x720", hdr.FourCC, hdr.Width, hdr.Height)
	}
	if int(hdr.NumFrames) != len(ts) {
		t.Errorf("IVF header counts %d frames, file has %d", hdr.NumFrames, len(ts))
	}
	if !firstKey {
		t.Error("IVF does not start at a keyframe")
	}
	if len(ts) <= switched {
		t.Fatalf("no frames after the switch: %d ≤ %d", len(ts), switched)
	}
	for i := 1; i < len(ts); i++ {
		if ts[i] <= ts[i-1] {
			t.Fatalf("IVF timestamps not rising at frame %d (switch at %d): %d after %d", i, switched, ts[i], ts[i-1])
		}
	}
	audio := 0
	var size int64
	for _, f := range final.Files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		size += fi.Size()
		if strings.HasSuffix(f, ".ogg") {
			audio++
			if n := oggPages(t, f); n == 0 {
				t.Errorf("%s: no audio pages", f)
			}
		}
	}
	if audio != 3 {
		t.Errorf("%d audio files, want one per audio slot (3): %v", audio, final.Files)
	}
	if size != final.Bytes {
		t.Errorf("status says %d bytes, files hold %d", final.Bytes, size)
	}
	eventually(t, 5*time.Second, func() bool { return recorderBindings(h.conf) == 0 },
		"recorder slots still in the fan-out after stop")
}

// TestRecordingStopsWhenConferenceEnds: closing the meeting while recording stops the
// recording as "system", journaled, before Close returns, and no recording starts after.
func TestRecordingStopsWhenConferenceEnds(t *testing.T) {
	h := newHarnessConfig(t, Config{Loopback: true, RecordingsDir: t.TempDir()}, ConferenceSpec{})
	ctx := context.Background()
	h.client("B")
	if _, err := h.conf.StartRecording(ctx, "tech.an"); err != nil {
		t.Fatal(err)
	}
	if err := h.conf.Close(ctx, "tech.an"); err != nil {
		t.Fatal(err)
	}
	if _, rec := h.conf.Recording(); rec || !h.journal.hasAction("recording_stop", "", "") {
		t.Fatal("Close returned with the recording still running or its stop not journaled")
	}
	h.journal.mu.Lock()
	defer h.journal.mu.Unlock()
	stops := 0
	for _, a := range h.journal.actions {
		if a.action == "recording_stop" {
			stops++
			if a.actor != "system" {
				t.Errorf("stopped by %q, want system", a.actor)
			}
		}
	}
	if stops != 1 {
		t.Errorf("%d stops journaled, want 1", stops)
	}
	if _, err := h.conf.StartRecording(ctx, "tech.an"); !errors.Is(err, ErrClosed) {
		t.Errorf("start after close: %v", err)
	}
}

// TestRecQueueDropsWhenFull checks that a disk writer that does not keep up costs the
// forwarder nothing but dropped packets: push never blocks, and drops are counted.
func TestRecQueueDropsWhenFull(t *testing.T) {
	q := newRecQueue(4)
	h := rtp.Header{SequenceNumber: 1, Timestamp: 960, CSRC: []uint32{7}}
	for range 10 {
		q.push(0, &h, []byte{1, 2, 3})
	}
	if q.packets.Load() != 4 || q.drops.Load() != 6 {
		t.Fatalf("queued %d dropped %d, want 4 and 6", q.packets.Load(), q.drops.Load())
	}
	q.push(0, &h, make([]byte, cachePacketB+1))
	if q.drops.Load() != 7 {
		t.Fatal("oversized packet not dropped")
	}
	var p recPacket
	if !q.pop(&p) || p.csrc != 7 || p.n != 3 || p.ts != 960 {
		t.Fatalf("popped %+v", p)
	}
	q.close()
	q.push(0, &h, []byte{1})
	if q.packets.Load() != 4 {
		t.Fatal("closed queue took a packet")
	}
	for q.pop(&p) {
	}
	if !q.drained() {
		t.Fatal("closed empty queue not drained")
	}
}

// BenchmarkRecQueuePush measures the forwarder's cost of recording one packet.
func BenchmarkRecQueuePush(b *testing.B) {
	q := newRecQueue(recQueueLen)
	h := rtp.Header{SequenceNumber: 1, Timestamp: 960, CSRC: []uint32{7}}
	payload := make([]byte, 1100)
	var p recPacket
	b.ReportAllocs()
	for b.Loop() {
		q.push(0, &h, payload)
		q.pop(&p)
	}
}

// BenchmarkRecordSlotWrite measures what recording adds to the forwarder per packet: the
// speaker slot's rewrite and Pion's local track writing into the recorder's queue, with the
// disk writer draining it.
func BenchmarkRecordSlotWrite(b *testing.B) {
	c := &Conference{audioSlots: 1, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r, err := newRecorder(c, b.TempDir(), time.Now(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	src := &source{m: newMember(Member{ID: "SRC"}, 0, Unmuted), kind: webrtc.RTPCodecTypeVideo, mime: mimeVP8, ssrc: 0x5eed}
	slot := r.video[0]
	slot.assign(src)
	go r.write()
	pkt := rtp.Packet{Header: rtp.Header{Version: 2, Marker: true}, Payload: make([]byte, 1100)}
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		pkt.SequenceNumber++
		pkt.Timestamp += 3000
		if !slot.write(src, &pkt, now, false) {
			b.Fatal("slot did not write")
		}
	}
	b.StopTimer()
	st := r.finish("bench")
	b.ReportMetric(float64(st.Dropped), "dropped")
}

// TestH264FileStartsAtSPS writes an H.264 speaker slot through the recorder's file and reads
// it back with Pion's reader: nothing before the sequence parameter set, then every NAL unit.
func TestH264FileStartsAtSPS(t *testing.T) {
	path := filepath.Join(t.TempDir(), "speaker.h264")
	f := newRecFile(mimeH264, path)
	seq := uint16(0)
	write := func(payload []byte) {
		t.Helper()
		p := &recPacket{marker: true, seq: seq, ts: uint32(seq) * 3000}
		p.n = copy(p.buf[:], payload)
		seq++
		if err := f.write(p); err != nil {
			t.Fatal(err)
		}
	}
	write([]byte{0x41, 0x9a, 0x00, 0x01}) // a slice before any SPS: left out
	if f.started() || f.path() != "" {
		t.Fatal("file created before the SPS")
	}
	write(testSPS(66, 80, 45, 0))
	write([]byte{0x65, 0x88, 0x84, 0x00}) // IDR
	write([]byte{0x41, 0x9a, 0x00, 0x02})
	if !f.started() || f.path() != path {
		t.Fatal("file not created at the SPS")
	}
	if err := f.close(); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	r, err := h264reader.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	var types []h264reader.NalUnitType
	for {
		nal, err := r.NextNAL()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, nal.UnitType)
	}
	want := []h264reader.NalUnitType{h264reader.NalUnitTypeSPS, h264reader.NalUnitTypeCodedSliceIdr, h264reader.NalUnitTypeCodedSliceNonIdr}
	if len(types) != len(want) {
		t.Fatalf("NAL units %v, want %v", types, want)
	}
	for i := range want {
		if types[i] != want[i] {
			t.Fatalf("NAL units %v, want %v", types, want)
		}
	}
}
