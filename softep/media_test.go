package softep

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pion/webrtc/v4"

	"diemcau/mcu"
)

var (
	clipsOnce   sync.Once
	sharedClips *Clips
	clipsErr    error
)

// testClips loads the repository's clips once for the whole test binary.
func testClips(t *testing.T) *Clips {
	t.Helper()
	clipsOnce.Do(func() {
		dir, err := FindTestdata()
		if err != nil {
			clipsErr = err
			return
		}
		sharedClips, clipsErr = LoadClips(dir)
	})
	if clipsErr != nil {
		t.Fatalf("load clips: %v", clipsErr)
	}
	return sharedClips
}

func TestLoadClipsPacketsMatchLevels(t *testing.T) {
	clips := testClips(t)
	dir, _ := FindTestdata()
	for _, tc := range []struct {
		name string
		clip AudioClip
		file string
	}{
		{"speech", clips.Speech, "speech-vi.levels"},
		{"room tone", clips.RoomTone, "roomtone.levels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			lines := len(strings.Fields(string(raw)))
			if len(tc.clip.Packets) != lines || len(tc.clip.Levels) != lines {
				t.Fatalf("%d packets, %d levels, file has %d lines", len(tc.clip.Packets), len(tc.clip.Levels), lines)
			}
			for i, p := range tc.clip.Packets {
				if !isOne20msOpusFrame(p) {
					t.Fatalf("packet %d (TOC %#x) is not one 20 ms Opus frame", i, p[0])
				}
			}
		})
	}
	if loud := slices.Min(clips.Speech.Levels); loud >= 45 {
		t.Errorf("speech clip's loudest level %d; want speech below 45", loud)
	}
	if loud := slices.Min(clips.RoomTone.Levels); loud < 45 {
		t.Errorf("room tone's loudest level %d; want quiet (≥45)", loud)
	}
}

func TestLoadClipsCamera(t *testing.T) {
	cam := testClips(t).Camera
	if cam.Width != 1280 || cam.Height != 720 {
		t.Fatalf("camera %dx%d, want 1280x720", cam.Width, cam.Height)
	}
	if len(cam.Frames) < 30 || len(cam.Keyframes) < 2 {
		t.Fatalf("%d frames, %d keyframes", len(cam.Frames), len(cam.Keyframes))
	}
	for _, k := range cam.Keyframes {
		w, h, ok := VP8KeyframeSize(cam.Frames[k])
		if !ok || w != 1280 || h != 720 {
			t.Fatalf("keyframe %d: %dx%d ok=%v", k, w, h, ok)
		}
	}
	for i, tc := range []struct{ from, want int }{
		{0, 0}, {1, cam.Keyframes[1]}, {cam.Keyframes[1], cam.Keyframes[1]}, {len(cam.Frames) - 1, 0},
	} {
		if got := cam.nextKeyframe(tc.from); got != tc.want && !(tc.from > cam.Keyframes[len(cam.Keyframes)-1] && got == 0) {
			t.Errorf("case %d: nextKeyframe(%d) = %d, want %d", i, tc.from, got, tc.want)
		}
	}
}

func TestLoadClipsErrors(t *testing.T) {
	dir, err := FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	broken := t.TempDir()
	for _, name := range []string{speechFile, roomToneFile, cameraFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(broken, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// roomtone.levels present, speech-vi.levels one line short.
	room, _ := os.ReadFile(filepath.Join(dir, "roomtone.levels"))
	_ = os.WriteFile(filepath.Join(broken, "roomtone.levels"), room, 0o644)
	speech, _ := os.ReadFile(filepath.Join(dir, "speech-vi.levels"))
	lines := strings.SplitAfter(strings.TrimRight(string(speech), "\n"), "\n")
	_ = os.WriteFile(filepath.Join(broken, "speech-vi.levels"), []byte(strings.Join(lines[1:], "")), 0o644)
	if _, err := LoadClips(broken); err == nil || !strings.Contains(err.Error(), "levels") {
		t.Fatalf("short levels file: err = %v", err)
	}
	if _, err := LoadClips(t.TempDir()); err == nil {
		t.Fatal("empty dir loaded")
	}
}

func TestFindTestdataWalksUp(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(root, "testdata", speechFile), []byte("x"), 0o644)
	deep := filepath.Join(root, "a", "b")
	_ = os.MkdirAll(deep, 0o755)
	t.Chdir(deep)
	got, err := FindTestdata()
	if err != nil || got != filepath.Join(root, "testdata") {
		t.Fatalf("FindTestdata() = %q, %v", got, err)
	}
}

// isOne20msOpusFrame reads the Opus TOC byte (RFC 6716 §3.1): one frame (code 0) of 20 ms.
func isOne20msOpusFrame(p []byte) bool {
	if len(p) == 0 || p[0]&0x03 != 0 {
		return false
	}
	config := p[0] >> 3
	switch {
	case config < 12: // SILK: 10, 20, 40, 60 ms
		return config%4 == 1
	case config < 16: // hybrid: 10, 20 ms
		return config%2 == 1
	default: // CELT: 2.5, 5, 10, 20 ms
		return config%4 == 3
	}
}

// The H.264 clip: 250 frames of 1280×720 at 25 fps, an IDR every 50; Pion's H.264 payloader
// cuts each IDR frame into a STAP-A of SPS and PPS first, and no payload exceeds the MTU.
func TestLoadClipsH264(t *testing.T) {
	clip := testClips(t).CameraH264
	if clip.Mime != webrtc.MimeTypeH264 || clip.Width != 1280 || clip.Height != 720 || clip.Rate != 25 || len(clip.Frames) != 250 {
		t.Fatalf("H.264 clip %s %dx%d at %d fps, %d frames", clip.Mime, clip.Width, clip.Height, clip.Rate, len(clip.Frames))
	}
	for i, k := range clip.Keyframes {
		if k != 50*i {
			t.Fatalf("keyframes %v, want every 50 frames", clip.Keyframes)
		}
	}
	for i, payloads := range clip.rtpPayloads() {
		if got := mcu.H264Keyframe(payloads[0]); got != clip.isKeyframe(i) {
			t.Fatalf("frame %d: first payload starts a keyframe: %v, want %v", i, got, !got)
		}
		for _, p := range payloads {
			if len(p) > videoMTU {
				t.Fatalf("frame %d: payload of %d bytes over the MTU", i, len(p))
			}
		}
	}
	if w, h, ok := mcu.H264FrameSize(clip.rtpPayloads()[0][0]); !ok || w != 1280 || h != 720 {
		t.Errorf("the first STAP-A's SPS says %dx%d (%v)", w, h, ok)
	}
}

func TestVideoCodecChoice(t *testing.T) {
	if err := CheckVideoCodec("av1"); err == nil || !strings.Contains(err.Error(), `"av1"`) {
		t.Errorf("CheckVideoCodec(av1) = %v", err)
	}
	answer := "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" +
		"m=video 9 UDP/TLS/RTP/SAVPF 96 102\r\na=mid:0\r\na=rtpmap:96 VP8/90000\r\na=rtpmap:102 H264/90000\r\n" +
		"m=video 9 UDP/TLS/RTP/SAVPF 102\r\na=mid:1\r\na=rtpmap:102 H264/90000\r\n"
	if got := answeredVideoCodec(answer, "0"); got != webrtc.MimeTypeVP8 {
		t.Errorf("mid 0 answered %q, want VP8", got)
	}
	if got := answeredVideoCodec(answer, "1"); got != webrtc.MimeTypeH264 {
		t.Errorf("mid 1 answered %q, want H264", got)
	}
	e := New(Config{Clips: &Clips{}, VideoCodec: VideoCodecH264})
	if _, err := e.videoCodecs(); !errors.Is(err, errNoH264Clip) {
		t.Errorf("h264 without the clip: %v", err)
	}
}
