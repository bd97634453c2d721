package mcu

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v4"
)

// recorder is the conference's internal receiver while it records: a session that is no
// member, whose audio slots and speaker video slot are bound to files instead of a
// PeerConnection. The slots rewrite SSRC, sequence numbers and timestamps for it as for any
// receiver, so a switch of speaker continues one file. The forwarder only copies packets into
// a bounded queue; one goroutine writes them to disk.
type recorder struct {
	conf      *Conference
	id        int64
	dir       string
	startedAt time.Time
	startedBy string
	recv      *session
	q         *recQueue
	video     []*binding // the speaker slot, once per codec

	fmu   sync.Mutex // guards files and err between the writer and status readers
	files []recFile  // per stream, in the order of the queue's stream index
	err   string

	keyed    atomic.Bool   // the speaker's video file has started at a keyframe
	stopping chan struct{} // closed by finish: the keyframe requests end
	written  chan struct{} // closed by the writer when every file is closed
	once     sync.Once
	final    RecordingStatus
}

// newRecorder builds the recorder's slots: one per audio slot of the conference, and the
// speaker video slot in VP8 (IVF) and in H.264, so that whichever codec the speaker sends is kept.
func newRecorder(c *Conference, dir string, now time.Time, actor string) (*recorder, error) {
	base := now.Local().Format("20060102-150405") // the province's clock, as every time a person reads
	r := &recorder{conf: c, dir: dir, startedAt: now, startedBy: actor, q: newRecQueue(recQueueLen),
		stopping: make(chan struct{}), written: make(chan struct{})}
	r.recv = &session{id: "recorder", conf: c, m: newMember(Member{ID: "recorder"}, -1, Unmuted),
		tr: recorderTransport{}, log: c.log.With("recording", base)}
	for i := range c.audioSlots {
		b, err := r.addSlot(fmt.Sprintf("audio%d", i+1), codecOpus, 111, base)
		if err != nil {
			return nil, err
		}
		r.recv.audio = append(r.recv.audio, b)
	}
	for _, codec := range []webrtc.RTPCodecCapability{codecVP8, codecH264} {
		b, err := r.addSlot(slotSpeaker, codec, 96, base)
		if err != nil {
			return nil, err
		}
		r.recv.video = append(r.recv.video, b)
	}
	r.video = r.recv.video
	return r, nil
}

// addSlot creates a slot's local track bound to the recorder's queue, and its file.
func (r *recorder) addSlot(slot string, codec webrtc.RTPCodecCapability, pt uint8, base string) (*binding, error) {
	idx := len(r.files)
	track, err := newSlotTrack(fmt.Sprintf("recorder-%d", idx), slot, codec, pt, uint32(0x7ec0_0000+idx),
		recStream{q: r.q, index: idx})
	if err != nil {
		return nil, fmt.Errorf("mcu: recorder %w", err)
	}
	kind := webrtc.RTPCodecTypeAudio
	if codec.MimeType != mimeOpus {
		kind = webrtc.RTPCodecTypeVideo
	}
	r.files = append(r.files, newRecFile(codec.MimeType, filepath.Join(r.dir, base+"-"+slot+recExt(codec.MimeType))))
	return newBinding(r.recv, slot, kind, codec.MimeType, codec.ClockRate, track), nil
}

// write moves packets from the queue to the files until finish, then closes them.
func (r *recorder) write() {
	defer close(r.written)
	var p recPacket
	for {
		r.fmu.Lock()
		for r.q.pop(&p) {
			r.writePacket(&p)
		}
		r.fmu.Unlock()
		if r.q.drained() {
			break
		}
		<-r.q.wake
	}
	r.fmu.Lock()
	defer r.fmu.Unlock()
	for _, f := range r.files {
		if err := f.close(); err != nil {
			r.fail(err)
		}
	}
}

// writePacket hands one packet to its file (r.fmu held); a failing file is noted once.
func (r *recorder) writePacket(p *recPacket) {
	if p.stream < 0 || p.stream >= len(r.files) {
		return
	}
	f := r.files[p.stream]
	if err := f.write(p); err != nil {
		r.fail(err)
	}
	if f.started() && p.stream >= len(r.recv.audio) {
		r.keyed.Store(true)
	}
}

// fail keeps the first write error (r.fmu held).
func (r *recorder) fail(err error) {
	if r.err == "" {
		r.err = err.Error()
		r.recv.log.Error("recording write", "err", err)
	}
}

// watch asks the speaker for keyframes until the video file has started, and checks the disk
// every diskCheckInterval (recorder_disk.go).
func (r *recorder) watch() {
	t := time.NewTicker(pliInterval)
	defer t.Stop()
	disk := time.NewTicker(diskCheckInterval)
	defer disk.Stop()
	for {
		select {
		case <-r.stopping:
			return
		case <-disk.C:
			if r.diskLow() {
				disk.Stop() // the stop is under way
			}
		case <-t.C:
			if r.keyed.Load() {
				continue
			}
			for _, b := range r.video {
				b.requestKeyframe()
			}
		}
	}
}

// finish detaches the slots, lets the writer drain the queue and close the files, and returns
// the final status.
func (r *recorder) finish(actor string) RecordingStatus {
	r.once.Do(func() {
		for _, b := range append(append([]*binding{}, r.recv.audio...), r.recv.video...) {
			b.detach()
		}
		close(r.stopping)
		r.q.close()
		<-r.written
		st := r.status()
		st.StoppedAt, st.StoppedBy = time.Now(), actor
		r.final = st
	})
	return r.final
}

// status describes the recording now, with the files' sizes on disk.
func (r *recorder) status() RecordingStatus {
	st := RecordingStatus{ID: r.id, Dir: r.dir, StartedAt: r.startedAt, StartedBy: r.startedBy,
		Packets: r.q.packets.Load(), Dropped: r.q.drops.Load()}
	r.fmu.Lock()
	for _, f := range r.files {
		if p := f.path(); p != "" {
			st.Files = append(st.Files, p)
		}
	}
	st.Err = r.err
	r.fmu.Unlock()
	for _, p := range st.Files {
		if fi, err := os.Stat(p); err == nil {
			st.Bytes += fi.Size()
		}
	}
	return st
}

// recorderTransport is the Transport of the recorder's receiver session: no endpoint, so no
// control messages and no link; its slots' packets go to the queue (slottrack.go).
type recorderTransport struct{}

func (recorderTransport) Kind() string                   { return "recorder" }
func (recorderTransport) Send(ControlMessage) bool       { return false }
func (recorderTransport) Flush(time.Duration)            {}
func (recorderTransport) RequestKeyframe(uint32)         {}
func (recorderTransport) Stats(time.Time) TransportStats { return TransportStats{} }
func (recorderTransport) Link(time.Time) Link            { return Link{} }
func (recorderTransport) Close(string)                   {}
