package mcu

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"
)

// ErrDiskLow means the disk of the recordings has less free space than the recording reserve:
// a recording does not start, and a running one is stopped (its files closed and kept).
var ErrDiskLow = errors.New("mcu: không đủ dung lượng trống để ghi hình / not enough free disk to record")

// Recording reserve: by default the disk must keep room for 30 minutes of the meeting's
// recording; the meeting's rate is never taken below recordingFloorBps (a 720p speaker and its
// audio), and the disk is checked every diskCheckInterval while recording.
const (
	defaultRecordingReserve = 30 * time.Minute
	recordingFloorBps       = 2_000_000
	audioSlotBps            = 64_000
	diskCheckInterval       = 5 * time.Second
)

// diskFree is the free space for an unprivileged writer on the disk holding dir; tests swap it to
// fill the disk.
var diskFree = func(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return st.Bavail * uint64(st.Bsize), nil
}

// reserveBytes is the free space a recording needs at rate (bits per second); 0 when the check
// is off (Config.RecordingReserve < 0).
func (c *Conference) reserveBytes(rate float64) uint64 {
	reserve := c.mcu.cfg.RecordingReserve
	switch {
	case reserve < 0:
		return 0
	case reserve == 0:
		reserve = defaultRecordingReserve
	}
	rate = max(rate, recordingFloorBps)
	return uint64(reserve.Seconds() * rate / 8)
}

// meetingRate estimates what recording the meeting costs now: the highest inbound bitrate of a
// bridge point (the speaker slot records one video) and the audio slots.
func (c *Conference) meetingRate() float64 {
	top := 0.0
	for _, p := range c.Snapshot().Participants {
		top = max(top, p.Quality.BitrateKbps*1000)
	}
	return top + float64(c.audioSlots)*audioSlotBps
}

// checkDisk fails with ErrDiskLow, saying how much is free and needed, when dir's disk has less
// free space than the reserve at rate. A disk whose free space cannot be read is not refused.
func (c *Conference) checkDisk(dir string, rate float64) error {
	need := c.reserveBytes(rate)
	if need == 0 {
		return nil
	}
	free, err := diskFree(dir)
	if err != nil {
		c.log.Warn("recordings disk: free space unknown", "dir", dir, "err", err)
		return nil
	}
	if free < need {
		return fmt.Errorf("%w: %.1f GB trống / free in %s, cần / needed %.1f GB", ErrDiskLow,
			float64(free)/1e9, dir, float64(need)/1e9)
	}
	return nil
}

// diskLow checks r's disk against the reserve at the rate it records (or the meeting's
// estimate, whichever is higher); when it is low, it stops r cleanly as "system:disk-low" (in
// the background: the caller is r's own watcher) and reports true.
func (r *recorder) diskLow() bool {
	st := r.status()
	rate := r.conf.meetingRate()
	if secs := time.Since(st.StartedAt).Seconds(); secs > 1 {
		rate = max(rate, float64(st.Bytes)*8/secs)
	}
	err := r.conf.checkDisk(r.dir, rate)
	if err == nil {
		return false
	}
	r.conf.log.Error("recording stopped: disk almost full", "dir", r.dir, "err", err)
	go r.conf.stopForDisk(r)
	return true
}

// stopForDisk stops r if it is still the conference's recording; the stop is journaled and
// announced to every console like a technician's, by "system:disk-low".
func (c *Conference) stopForDisk(r *recorder) {
	c.ctl.Lock()
	defer c.ctl.Unlock()
	c.mu.Lock()
	current := c.rec == r
	c.mu.Unlock()
	if !current {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	defer cancel()
	if _, err := c.stopRecording(ctx, DiskLowActor, false); err != nil {
		c.log.Error("stop recording for a full disk", "err", err)
	}
}

// DiskLowActor is who stops a recording when the disk fills.
// DiskLowActor is the actor of a recording the MCU stopped because the disk was filling up.
const DiskLowActor = "system:disk-low"
