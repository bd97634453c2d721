package mcu

import "testing"

// bitWriter builds SPS bit strings for the tests.
type bitWriter struct {
	b    []byte
	nbit int
}

func (w *bitWriter) bits(n int, v uint32) {
	for i := n - 1; i >= 0; i-- {
		if w.nbit%8 == 0 {
			w.b = append(w.b, 0)
		}
		w.b[len(w.b)-1] |= byte(v>>i&1) << (7 - w.nbit%8)
		w.nbit++
	}
}

func (w *bitWriter) ue(v uint32) {
	n := 0
	for x := v + 1; x > 1; x >>= 1 {
		n++
	}
	w.bits(n, 0)
	w.bits(n+1, v+1)
}

// testSPS writes an SPS NAL (header included) for a picture of mbW×mbH macroblocks cropped
// at the bottom by cropBottom chroma rows.
func testSPS(profile uint32, mbW, mbH, cropBottom uint32) []byte {
	w := &bitWriter{}
	w.bits(8, 0x67) // NAL header: SPS
	w.bits(8, profile)
	w.bits(16, 0x001f)
	w.ue(0) // sps id
	if profile == 100 {
		w.ue(1)      // chroma 4:2:0
		w.ue(0)      // bit depth luma
		w.ue(0)      // bit depth chroma
		w.bits(1, 0) // qpprime
		w.bits(1, 0) // no scaling matrix
	}
	w.ue(0)      // log2_max_frame_num_minus4
	w.ue(0)      // poc type 0
	w.ue(0)      // log2_max_poc_lsb_minus4
	w.ue(1)      // max_num_ref_frames
	w.bits(1, 0) // gaps
	w.ue(mbW - 1)
	w.ue(mbH - 1)
	w.bits(1, 1) // frame_mbs_only
	w.bits(1, 1) // direct_8x8
	if cropBottom > 0 {
		w.bits(1, 1)
		w.ue(0)
		w.ue(0)
		w.ue(0)
		w.ue(cropBottom)
	} else {
		w.bits(1, 0)
	}
	w.bits(1, 0) // vui_parameters_present_flag
	w.bits(1, 1) // rbsp stop bit
	return w.b
}

func TestH264FrameSize(t *testing.T) {
	sps360 := testSPS(66, 40, 23, 4)    // 640×368 cropped to 640×360
	sps1080 := testSPS(100, 120, 68, 4) // 1920×1088 cropped to 1920×1080
	sps720 := testSPS(66, 80, 45, 0)    // 1280×720, no cropping
	pps := []byte{0x68, 0xce, 0x3c, 0x80}
	stap := func(nals ...[]byte) []byte {
		out := []byte{0x18}
		for _, n := range nals {
			out = append(out, byte(len(n)>>8), byte(len(n)))
			out = append(out, n...)
		}
		return out
	}
	tests := []struct {
		name    string
		payload []byte
		w, h    int
		ok      bool
	}{
		{"baseline SPS alone", sps360, 640, 360, true},
		{"high profile SPS", sps1080, 1920, 1080, true},
		{"uncropped", sps720, 1280, 720, true},
		{"SPS in STAP-A", stap(sps360, pps), 640, 360, true},
		{"SPS after PPS in STAP-A", stap(pps, sps720), 1280, 720, true},
		{"STAP-A without SPS", stap(pps), 0, 0, false},
		{"STAP-A with a bad length", []byte{0x18, 0x00, 0x40, 0x67, 0x42}, 0, 0, false},
		{"IDR slice", []byte{0x65, 0x88, 0x84, 0x00}, 0, 0, false},
		{"truncated SPS", sps1080[:6], 0, 0, false},
		{"empty", nil, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, h, ok := H264FrameSize(tc.payload)
			if w != tc.w || h != tc.h || ok != tc.ok {
				t.Errorf("got %dx%d %v, want %dx%d %v", w, h, ok, tc.w, tc.h, tc.ok)
			}
		})
	}
}

func TestUnescapeRBSP(t *testing.T) {
	got := unescapeRBSP([]byte{0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x00, 0x03})
	want := []byte{0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03}
	if string(got) != string(want) {
		t.Errorf("got % x, want % x", got, want)
	}
}
