package softep

import (
	"sync"

	"github.com/pion/rtp"
	"github.com/pion/rtp/codecs"
	"github.com/pion/webrtc/v4"
)

// videoMTU is the RTP packet size the camera is cut to, as Pion's sample tracks do (their
// outbound MTU, 1200 bytes, less the 12-byte RTP header).
const videoMTU = 1200 - 12

// cameraPackets are the RTP payloads of each frame of one camera clip, cut once per process by
// Pion's VP8 or H.264 payloader and shared read-only by every endpoint sending that clip.
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
		var payloader rtp.Payloader = &codecs.VP8Payloader{}
		if clip.Mime == webrtc.MimeTypeH264 {
			payloader = &codecs.H264Payloader{} // SPS and PPS go out as one STAP-A before the IDR
		}
		cp.frames = make([][][]byte, len(clip.Frames))
		for i, f := range clip.Frames {
			cp.frames[i] = payloader.Payload(videoMTU, f)
		}
	})
	return cp.frames
}
