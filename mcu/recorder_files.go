package mcu

import (
	"fmt"
	"path/filepath"

	"github.com/pion/rtp"
	"github.com/pion/rtp/codecs"
	"github.com/pion/webrtc/v4/pkg/media/h264writer"
	"github.com/pion/webrtc/v4/pkg/media/ivfwriter"
	"github.com/pion/webrtc/v4/pkg/media/oggwriter"
)

// recFile writes one recorded slot to disk with Pion's own container writers. A file is
// created on the slot's first usable packet, so a slot that carried nothing leaves no file.
type recFile interface {
	write(p *recPacket) error
	path() string // "" while the file is not created
	started() bool
	close() error
}

// newRecFile returns the writer for a slot of the given codec, to the file at path.
func newRecFile(mime, path string) recFile {
	switch mime {
	case mimeVP8:
		return &ivfFile{recFileBase: recFileBase{file: path}}
	case mimeH264:
		return &h264File{recFileBase{file: path}}
	}
	return &oggFile{recFileBase{file: path}}
}

// recExt is the file extension of a slot recorded in mime.
func recExt(mime string) string {
	switch mime {
	case mimeVP8:
		return ".ivf"
	case mimeH264:
		return ".h264"
	}
	return ".ogg"
}

// rtpOf is the RTP packet a container writer reads, over the packet's own buffer.
func rtpOf(p *recPacket, out *rtp.Packet) *rtp.Packet {
	out.Header = rtp.Header{Version: 2, Marker: p.marker, SequenceNumber: p.seq, Timestamp: p.ts, SSRC: p.ssrc}
	out.Payload = p.buf[:p.n]
	return out
}

// mediaWriter is what Pion's container writers (oggwriter, ivfwriter, h264writer) offer.
type mediaWriter interface {
	WriteRTP(*rtp.Packet) error
	Close() error
}

// recFileBase is a slot's file and its writer, nil until the file is created.
type recFileBase struct {
	file string
	w    mediaWriter
	pkt  rtp.Packet // scratch for the writer
}

// create makes the file with newWriter.
func (f *recFileBase) create(newWriter func(string) (mediaWriter, error)) error {
	w, err := newWriter(f.file)
	if err != nil {
		return fmt.Errorf("create %s: %w", filepath.Base(f.file), err)
	}
	f.w = w
	return nil
}

// writeRTP hands p to the writer.
func (f *recFileBase) writeRTP(p *recPacket) error { return f.w.WriteRTP(rtpOf(p, &f.pkt)) }

func (f *recFileBase) started() bool { return f.w != nil }

func (f *recFileBase) path() string {
	if f.w == nil {
		return ""
	}
	return f.file
}

func (f *recFileBase) close() error {
	if f.w == nil {
		return nil
	}
	return f.w.Close()
}

// oggFile is an audio slot as Ogg Opus.
type oggFile struct{ recFileBase }

func (f *oggFile) write(p *recPacket) error {
	if f.w == nil {
		if err := f.create(func(name string) (mediaWriter, error) { return oggwriter.New(name, 48000, 2) }); err != nil {
			return err
		}
	}
	return f.writeRTP(p)
}

// h264File is the speaker slot as an H.264 Annex B stream, from its first sequence parameter set.
type h264File struct{ recFileBase }

func (f *h264File) write(p *recPacket) error {
	if f.w == nil {
		if _, _, ok := H264FrameSize(p.buf[:p.n]); !ok {
			return nil // wait for the keyframe the recorder asked for
		}
		if err := f.create(func(name string) (mediaWriter, error) { return h264writer.New(name) }); err != nil {
			return err
		}
	}
	return f.writeRTP(p)
}

// ivfFile is the speaker slot as VP8 in IVF. Only whole frames reach the writer: a frame that
// lost a packet, or that the slot cut short by switching source, is left out, so that a switch
// of speaker never glues two bridge points' pictures into one frame. The file starts at the
// first keyframe, and its header carries that keyframe's size.
type ivfFile struct {
	recFileBase
	frame   []recPacket // packets of the frame being assembled
	ts      uint32
	csrc    uint32
	nextSeq uint16
}

func (f *ivfFile) write(p *recPacket) error {
	if len(f.frame) > 0 && (p.ts != f.ts || p.csrc != f.csrc || p.seq != f.nextSeq) {
		f.frame = f.frame[:0]
	}
	if len(f.frame) == 0 {
		if !vp8FrameStart(p.buf[:p.n]) {
			return nil
		}
		f.ts, f.csrc = p.ts, p.csrc
	}
	f.frame = append(f.frame, *p)
	f.nextSeq = p.seq + 1
	if !p.marker {
		return nil
	}
	defer func() { f.frame = f.frame[:0] }()
	if f.w == nil {
		width, height, ok := vp8KeyframeSize(f.frame[0].buf[:f.frame[0].n])
		if !ok {
			return nil
		}
		err := f.create(func(name string) (mediaWriter, error) {
			return ivfwriter.New(name, ivfwriter.WithCodec(mimeVP8),
				ivfwriter.WithWidthAndHeight(uint16(width), uint16(height)),
				ivfwriter.WithFrameRate(1, 90000), ivfwriter.WithDirectPTS())
		})
		if err != nil {
			return err
		}
	}
	for i := range f.frame {
		if err := f.writeRTP(&f.frame[i]); err != nil {
			return err
		}
	}
	return nil
}

// vp8FrameStart reports whether payload begins a VP8 frame (start of partition 0).
func vp8FrameStart(payload []byte) bool {
	var vp codecs.VP8Packet
	if _, err := vp.Unmarshal(payload); err != nil {
		return false
	}
	return vp.S == 1 && vp.PID == 0
}
