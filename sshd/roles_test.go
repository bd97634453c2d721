package sshd

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/tui/tuitest"
)

// typeKeys writes each chunk as one packet, as a person types, with a pause between.
func typeKeys(t *testing.T, in io.Writer, chunks ...string) {
	t.Helper()
	for _, c := range chunks {
		if _, err := io.WriteString(in, c); err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

func TestSSHOperatorCannotMuteAnotherBridgePoint(t *testing.T) {
	f := newFixture(t, 2)
	op, line := newKey(t)
	r := newSSHRig(t, f, line+" role=operator tech=le.thi.binh bp=XA-001\n")
	out, keys := r.console(t, op)
	waitScreen(t, out, "Vận hành XA-001 · le.thi.binh")
	waitScreen(t, out, "r xin/hủy phát biểu")
	if screen := plain(out.String()); strings.Contains(screen, "m tắt/mở mic") || strings.Contains(screen, "M tắt mic tất cả") {
		t.Error("the operator's help shows the mute keys")
	}
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	// "jjm" arrives in one read: each key is acted on (two rows down, to Xã Đak Đoa, then m).
	typeKeys(t, keys, "jjm")
	waitScreen(t, out, "Không được phép (Vận hành XA-001): tắt/mở mic")
	typeKeys(t, keys, "M")
	waitScreen(t, out, "Không được phép (Vận hành XA-001): tắt mic tất cả")
	typeKeys(t, keys, "u")
	waitScreen(t, out, "Chỉ được tắt mềm/mở mic cho điểm cầu của mình (XA-001)")
	f.unchanged(t, "the operator's m, M and u on another row", before, audit)
	if logs := r.logs.String(); !strings.Contains(logs, "console action refused") || !strings.Contains(logs, "tech=ssh:le.thi.binh") {
		t.Errorf("refusals not logged with the technician:\n%s", logs)
	}

	// Its own hand: r raises it, r again lowers it; both carry the technician's identity.
	typeKeys(t, keys, "r")
	eventually(t, "the operator's speak request", func() bool {
		rs := f.conf.Snapshot().Requests
		return len(rs) == 1 && rs[0].BridgePoint == "XA-001"
	})
	waitScreen(t, out, "Xin phát biểu (1)")
	typeKeys(t, keys, "r")
	eventually(t, "the request withdrawn", func() bool { return len(f.conf.Snapshot().Requests) == 0 })
	eventually(t, "the audit rows", func() bool {
		return strings.Join(f.actions(t, "ssh:le.thi.binh"), ",") == "speak_request,speak_cancel"
	})
}

func TestSSHViewerCanDoNothing(t *testing.T) {
	f := newFixture(t, 2)
	ctx := context.Background()
	if _, err := f.conf.RaiseRequest(ctx, "ssh:op", "XA-002"); err != nil {
		t.Fatal(err)
	}
	if err := f.conf.Mute(ctx, tuitest.Actor, "XA-001", mcu.SoftMute); err != nil {
		t.Fatal(err)
	}
	viewer, line := newKey(t)
	r := newSSHRig(t, f, line+" role=viewer tech=tran.thi.cuc\n")
	out, keys := r.console(t, viewer)
	waitScreen(t, out, "Chỉ xem · tran.thi.cuc")
	waitScreen(t, out, "Xin phát biểu (1)")
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	typeKeys(t, keys, "j", "m", "u", "M", "y", "\r", "d", "i", "r", "\t", "\r", "f", "x", "d", "\t", "m", "I", "c", "x", "\x1b", "C")
	waitScreen(t, out, "Không được phép (Chỉ xem): đóng cuộc họp")
	f.unchanged(t, "the viewer's keys", before, audit)
}

func TestSSHHostGrantsTheFloor(t *testing.T) {
	f := newFixture(t, 2)
	if _, err := f.conf.RaiseRequest(context.Background(), "ssh:op", "XA-002"); err != nil {
		t.Fatal(err)
	}
	host, line := newKey(t)
	r := newSSHRig(t, f, line+" role=host tech=pham.van.dung bp=UBND-TINH\n")
	out, keys := r.console(t, host)
	waitScreen(t, out, "Điểm cầu chính · pham.van.dung")
	waitScreen(t, out, "Xin phát biểu (1)")
	typeKeys(t, keys, "\t", "\r")
	eventually(t, "the floor granted", func() bool { return f.participant(t, "XA-002").Floor })
	eventually(t, "the audit row", func() bool {
		return strings.Join(f.actions(t, "ssh:pham.van.dung"), ",") == "floor_grant"
	})
	typeKeys(t, keys, "C")
	waitScreen(t, out, "Không được phép (Điểm cầu chính): đóng cuộc họp")
}

// TestHostKeyWithoutBPIsReadOnly: a host key without bp= is warned about when the keys file is
// read, and its SSH session is read-only and says why; the server refuses its keys.
func TestHostKeyWithoutBPIsReadOnly(t *testing.T) {
	f := newFixture(t, 2)
	host, line := newKey(t)
	r := newSSHRig(t, f, line+" role=host tech=pham.van.dung\n")
	if !strings.Contains(r.logs.String(), "role=host without bp= is read-only") {
		t.Errorf("no warning when the keys file loaded:\n%s", r.logs.String())
	}
	out, keys := r.console(t, host)
	waitScreen(t, out, "Điểm cầu chính (chỉ xem)")
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	typeKeys(t, keys, "j", "m", "M", "y")
	waitScreen(t, out, "thiếu bp=")
	f.unchanged(t, "a host key without bp=", before, audit)
}

// TestSSHHostOfAnotherMeetingIsRefused: over SSH, a host key for another main bridge point
// cannot grant the floor nor mute; the screen says why.
func TestSSHHostOfAnotherMeetingIsRefused(t *testing.T) {
	f := newFixture(t, 2)
	if _, err := f.conf.RaiseRequest(context.Background(), "ssh:op", "XA-002"); err != nil {
		t.Fatal(err)
	}
	host, line := newKey(t)
	r := newSSHRig(t, f, line+" role=host tech=pham.van.dung bp=XA-001\n")
	out, keys := r.console(t, host)
	waitScreen(t, out, "Điểm cầu chính (chỉ xem)")
	waitScreen(t, out, "Xin phát biểu (1)")
	before, audit := f.conf.Snapshot(), f.auditCount(t)
	typeKeys(t, keys, "\t", "\r", "\t", "\t", "j", "m", "M", "y")
	waitScreen(t, out, "không chủ trì")
	f.unchanged(t, "an SSH host of another meeting", before, audit)
}

// SSH keys land where they should: a host or operator key in the live meeting its bridge point
// is in, a control key in the first live meeting.
func TestSSHKeysLandInTheirOwnMeeting(t *testing.T) {
	f := newFixture(t, 2)
	lv := wardMeeting(t, f)
	opts := f.options("vi")
	opts.Conference, opts.Live = "", lv
	host, hostLine := newKey(t)
	op, opLine := newKey(t)
	ctl, ctlLine := newKey(t)
	r := newSSHRigWith(t, opts, hostLine+" role=host tech=host.phuong bp=PHUONG-1\n"+
		opLine+" role=operator tech=op.xa bp=XA-002\n"+ctlLine+" role=control tech=dieu.khien\n")
	out, _ := r.console(t, host)
	waitScreen(t, out, "Họp các phường")
	out, _ = r.console(t, op)
	waitScreen(t, out, "Họp giao ban trực tuyến tháng 11")
	out, _ = r.console(t, ctl)
	waitScreen(t, out, "Họp giao ban trực tuyến tháng 11")
}
