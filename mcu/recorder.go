package mcu

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// EventRecording says a recording of the conference started (Detail "started") or stopped
// ("stopped").
const EventRecording EventKind = "recording"

// ErrRecording is returned when the conference is already being recorded.
var ErrRecording = errors.New("mcu: the conference is already being recorded")

// ErrNotRecording is returned when the conference is not being recorded.
var ErrNotRecording = errors.New("mcu: the conference is not being recorded")

// RecordingLog keeps the recordings of meetings (Article 12.2). When the Journal also
// implements it, every recording is stored when it starts and when it stops. *store.Store
// satisfies it.
type RecordingLog interface {
	RecordingStarted(ctx context.Context, meetingID int64, at time.Time, dir, actor string) (recordingID int64, err error)
	RecordingStopped(ctx context.Context, recordingID int64, at time.Time, files []string, bytes int64, actor string) error
}

// RecordingStatus describes a recording, running or finished.
type RecordingStatus struct {
	ID        int64  // id in the RecordingLog; 0 without one
	Dir       string // the meeting's recordings folder
	StartedAt time.Time
	StartedBy string
	StoppedAt time.Time // zero while recording
	StoppedBy string
	Files     []string // files created so far: Ogg Opus per audio slot, IVF or H.264 of the speaker slot
	Bytes     int64    // their size on disk
	Packets   uint64   // packets handed to the disk writer
	Dropped   uint64   // packets dropped because the disk fell behind
	Err       string   // the first write error, if any
}

// Duration is how long the recording ran (until now while it runs).
func (s RecordingStatus) Duration() time.Duration {
	end := s.StoppedAt
	if end.IsZero() {
		end = time.Now()
	}
	return end.Sub(s.StartedAt)
}

// recordingsDir is the folder of this conference's recordings: the meeting's id under the
// configured root ("recordings" in the working directory by default).
func (c *Conference) recordingsDir() string {
	root := c.mcu.cfg.RecordingsDir
	if root == "" {
		root = "recordings"
	}
	name := strconv.FormatInt(c.spec.MeetingID, 10)
	if c.spec.MeetingID == 0 {
		name = strings.Map(func(r rune) rune {
			if r == '/' || r == '\\' || r == ':' || r < ' ' {
				return '_'
			}
			return r
		}, c.spec.ID)
	}
	return filepath.Join(root, name)
}

// Recording returns the running recording, if any.
func (c *Conference) Recording() (RecordingStatus, bool) {
	c.mu.Lock()
	r := c.rec
	c.mu.Unlock()
	if r == nil {
		return RecordingStatus{}, false
	}
	return r.status(), true
}

// StartRecording journals and starts recording what the speaker video slot and the audio slots
// carry, into the meeting's folder. The speaker is asked for a keyframe so that the video file
// starts decodable.
func (c *Conference) StartRecording(ctx context.Context, actor string) (RecordingStatus, error) {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	closed, busy := c.closed, c.rec != nil
	c.mu.Unlock()
	switch {
	case closed:
		return RecordingStatus{}, ErrClosed
	case busy:
		return RecordingStatus{}, ErrRecording
	}
	dir := c.recordingsDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return RecordingStatus{}, fmt.Errorf("mcu: recordings folder %s: %w", dir, err)
	}
	if err := c.checkDisk(dir, c.meetingRate()); err != nil {
		return RecordingStatus{}, err
	}
	now := time.Now()
	r, err := newRecorder(c, dir, now, actor)
	if err != nil {
		return RecordingStatus{}, err
	}
	if err := c.record(ctx, actor, JournalRecordingStart, "", "dir="+dir); err != nil {
		return RecordingStatus{}, err
	}
	if rl, ok := c.mcu.journal.(RecordingLog); ok {
		if r.id, err = rl.RecordingStarted(ctx, c.spec.MeetingID, now, dir, actor); err != nil {
			return RecordingStatus{}, fmt.Errorf("mcu: store recording: %w", err)
		}
	}
	go r.write()
	go r.watch()
	c.mu.Lock()
	c.rec = r
	closed = c.closed
	c.mu.Unlock()
	if closed { // the conference ended meanwhile, perhaps before its end stopped recordings
		c.endRecording()
		return RecordingStatus{}, ErrClosed
	}
	c.log.Info("recording started", "dir", dir, "by", actor)
	c.emit(EventRecording, "", actor, 0, "started")
	return r.status(), nil
}

// StopRecording journals the stop, closes the files and stores their sizes and duration.
func (c *Conference) StopRecording(ctx context.Context, actor string) (RecordingStatus, error) {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	return c.stopRecording(ctx, actor, false)
}

// endRecording stops a running recording as "system" when the conference ends, so that its
// files are closed and its row finished before the MCU's Close returns.
func (c *Conference) endRecording() {
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	defer cancel()
	if _, err := c.stopRecording(ctx, "system", true); err != nil && !errors.Is(err, ErrNotRecording) {
		c.log.Error("stop recording at conference end", "err", err)
	}
}

// stopRecording does StopRecording (c.ctl held, except at the conference's end); force takes
// the recording before journaling and finishes the files even when the journal refuses.
func (c *Conference) stopRecording(ctx context.Context, actor string, force bool) (RecordingStatus, error) {
	c.mu.Lock()
	r := c.rec
	if force {
		c.rec = nil // taken: a concurrent stop at the end finds nothing
	}
	c.mu.Unlock()
	if r == nil {
		return RecordingStatus{}, ErrNotRecording
	}
	if err := c.record(ctx, actor, JournalRecordingStop, "", "recording="+strconv.FormatInt(r.id, 10)); err != nil {
		if !force {
			return RecordingStatus{}, err
		}
		c.log.Error("journal recording stop", "err", err)
	}
	c.mu.Lock()
	if c.rec == r {
		c.rec = nil
	}
	c.mu.Unlock()
	st := r.finish(actor)
	c.mcu.counters.recorderDropped.Add(st.Dropped)
	if rl, ok := c.mcu.journal.(RecordingLog); ok && r.id != 0 {
		if err := rl.RecordingStopped(ctx, r.id, st.StoppedAt, st.Files, st.Bytes, actor); err != nil {
			c.log.Error("store recording stop", "recording", r.id, "err", err)
			return st, fmt.Errorf("mcu: store recording stop: %w", err)
		}
	}
	c.log.Info("recording stopped", "dir", st.Dir, "files", len(st.Files), "bytes", st.Bytes,
		"dropped", st.Dropped, "by", actor)
	c.emit(EventRecording, "", actor, 0, "stopped")
	return st, nil
}

// appendRecorderPlan adds the recorder's slots to the receivers' plans while recording (c.mu
// held): it is planned like any receiver, with no picture or voice of its own to leave out.
func (c *Conference) appendRecorderPlan(plans []slotPlan, mainM *member, audio, video []*source) []slotPlan {
	r := c.rec
	if r == nil {
		return plans
	}
	v, _ := c.planVideo(r.recv, mainM, video) // a slot whose codec differs stays empty, unreported
	return append(plans, slotPlan{recv: r.recv, audio: c.planAudio(r.recv, audio), video: v,
		blocked: make([]*source, len(v))})
}
