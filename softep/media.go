package softep

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Clip file names inside a testdata directory.
const (
	speechFile   = "speech-vi.ogg"
	roomToneFile = "roomtone.ogg"
	cameraFile   = "camera-720p.ivf"
	h264File     = "video-720p.h264"
)

// AudioFrame is the duration of one Opus packet in the clips.
const AudioFrame = 20 * time.Millisecond

// AudioClip is an Opus clip held in memory: one packet per 20 ms frame, with its RFC 6464 level.
type AudioClip struct {
	Packets [][]byte // Opus packets, one per 20 ms frame
	Levels  []uint8  // RFC 6464 level of each packet: 0 loudest … 127 silence
}

// VideoClip is a VP8 or H.264 clip held in memory, frame by frame.
type VideoClip struct {
	Mime      string   // webrtc.MimeTypeVP8 or webrtc.MimeTypeH264
	Frames    [][]byte // frames in decode order: VP8 frames, or H.264 access units in Annex-B
	Keyframes []int    // indexes into Frames of the keyframes (VP8 key frames, H.264 IDR), ascending
	Width     int      // from the IVF header, or the first SPS
	Height    int
	Rate      int // frames per second
}

// Clips are the media every soft endpoint of a process sends; loaded once and shared read-only.
type Clips struct {
	Speech   AudioClip // someone speaking Vietnamese
	RoomTone AudioClip // a quiet meeting room
	Camera   VideoClip // 1280×720 VP8 at 30 fps
	// CameraH264 is the camera as H.264 constrained baseline, 1280×720 at 25 fps; no Frames
	// when the folder has no H.264 clip (the endpoint then offers VP8 only).
	CameraH264 VideoClip
}

// LoadClips reads the speech, room-tone and camera clips from dir; the H.264 camera clip when
// present.
func LoadClips(dir string) (*Clips, error) {
	speech, err := loadAudioClip(filepath.Join(dir, speechFile))
	if err != nil {
		return nil, err
	}
	room, err := loadAudioClip(filepath.Join(dir, roomToneFile))
	if err != nil {
		return nil, err
	}
	camera, err := loadVideoClip(filepath.Join(dir, cameraFile))
	if err != nil {
		return nil, err
	}
	clips := &Clips{Speech: speech, RoomTone: room, Camera: camera}
	path := filepath.Join(dir, h264File)
	if _, err := os.Stat(path); err == nil {
		if clips.CameraH264, err = loadH264Clip(path); err != nil {
			return nil, err
		}
	}
	return clips, nil
}

// FindTestdata returns the first testdata directory holding the clips, looking in the working
// directory and then in each of its parents.
func FindTestdata() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find testdata: %w", err)
	}
	for {
		candidate := filepath.Join(dir, "testdata")
		if _, err := os.Stat(filepath.Join(candidate, speechFile)); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find testdata: no testdata/" + speechFile + " in the working directory or its parents")
		}
		dir = parent
	}
}

// LoadTestdataClips loads the clips of the testdata folder that FindTestdata finds.
func LoadTestdataClips() (*Clips, error) {
	dir, err := FindTestdata()
	if err != nil {
		return nil, err
	}
	return LoadClips(dir)
}
