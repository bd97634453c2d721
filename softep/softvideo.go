package softep

import (
	"sync"

	"github.com/pion/rtp/codecs"
)

// videoMTU is the RTP packet size the camera is cut to, as Pion's sample tracks do (their
// outbound MTU, 1200 bytes, less the 12-byte RTP header).
const videoMTU = 1200 - 12

// cameraPackets are the VP8 RTP payloads of each frame of one camera clip, cut once per process
// by Pion's VP8 payloader and shared read-only by every endpoint sending that clip.
type cameraPackets struct {
	once   sync.Once
	frames [][][]byte
}

var (
	cameraCutsMu sync.Mutex
	cameraCuts   = map[*VideoClip]*cameraPackets{}
)

// rtpPayloads returns the RTP payloads of every frame of clip.
func (clip *VideoClip) rtpPayloads() [][][]byte {
	cameraCutsMu.Lock()
	cp := cameraCuts[clip]
	if cp == nil {
		cp = &cameraPackets{}
		cameraCuts[clip] = cp
	}
	cameraCutsMu.Unlock()
	cp.once.Do(func() {
		var vp8 codecs.VP8Payloader
		cp.frames = make([][][]byte, len(clip.Frames))
		for i, f := range clip.Frames {
			cp.frames[i] = vp8.Payload(videoMTU, f)
		}
	})
	return cp.frames
}
