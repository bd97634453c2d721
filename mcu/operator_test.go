package mcu

import (
	"context"
	"errors"
	"strconv"
	"testing"
)

// TestOperatorRaisesAndCancelsARequest checks the console operator's speak request: journaled
// with the technician's identity before it is queued, one per bridge point, and withdrawn.
func TestOperatorRaisesAndCancelsARequest(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	ctx := context.Background()
	id, err := h.conf.RaiseRequest(ctx, "ssh:le.thi.binh", "B")
	if err != nil {
		t.Fatal(err)
	}
	if !h.journal.hasAction("speak_request", "B", "") || h.journal.actions[0].actor != "ssh:le.thi.binh" {
		t.Fatalf("raise not journaled with the technician: %+v", h.journal.actions)
	}
	if rs := h.conf.Snapshot().Requests; len(rs) != 1 || rs[0].ID != id || rs[0].BridgePoint != "B" || rs[0].State != "waiting" {
		t.Fatalf("queue after raise: %+v", rs)
	}
	if ev := h.waitEvent(EventSpeakRequest, "B"); ev.Actor != "ssh:le.thi.binh" || ev.RequestID != id {
		t.Errorf("event %+v", ev)
	}
	again, err := h.conf.RaiseRequest(ctx, "ssh:le.thi.binh", "B")
	if err != nil || again != id || len(h.conf.Snapshot().Requests) != 1 || len(h.journal.actions) != 1 {
		t.Fatalf("second raise: id %d err %v, queue %+v, journal %d rows", again, err, h.conf.Snapshot().Requests, len(h.journal.actions))
	}

	if err := h.conf.CancelRequest(ctx, "ssh:le.thi.binh", "B"); err != nil {
		t.Fatal(err)
	}
	if !h.journal.hasAction("speak_cancel", "B", "") || len(h.conf.Snapshot().Requests) != 0 {
		t.Fatalf("cancel: journal %+v queue %+v", h.journal.actions, h.conf.Snapshot().Requests)
	}
	if got := h.journal.updates; len(got) != 1 || got[0] != strconv.FormatInt(id, 10)+":cancelled:ssh:le.thi.binh" {
		t.Errorf("speak request updates %v", got)
	}
	if err := h.conf.CancelRequest(ctx, "ssh:le.thi.binh", "B"); !errors.Is(err, ErrUnknownRequest) {
		t.Errorf("cancel with no request: %v", err)
	}
	if _, err := h.conf.RaiseRequest(ctx, "ssh:x", "NOBODY"); !errors.Is(err, ErrUnknownBridgePoint) {
		t.Errorf("raise for a stranger: %v", err)
	}
}

// TestOperatorRaiseRefusedWhenJournalFails checks that a raise that cannot be journaled queues nothing.
func TestOperatorRaiseRefusedWhenJournalFails(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	h.journal.setFail(true)
	if _, err := h.conf.RaiseRequest(context.Background(), "ssh:le.thi.binh", "B"); !errors.Is(err, errJournalDown) {
		t.Fatalf("raise with the journal down: %v", err)
	}
	if rs := h.conf.Snapshot().Requests; len(rs) != 0 {
		t.Fatalf("queued without a journal row: %+v", rs)
	}
}

// TestSelfUnmuteLiftsOnlyASoftMute checks that an operator lifts its soft mute, journaled, and
// never a hard mute.
func TestSelfUnmuteLiftsOnlyASoftMute(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	ctx := context.Background()
	tests := []struct {
		name    string
		mode    MuteMode
		wantErr error
		want    MuteMode
		journal bool
	}{
		{"open microphone", Unmuted, nil, Unmuted, false},
		{"soft mute", SoftMute, nil, Unmuted, true},
		{"hard mute", HardMute, ErrHardMuted, HardMute, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := h.conf.Mute(ctx, "tech.an", "C", tt.mode); err != nil {
				t.Fatal(err)
			}
			before := len(h.journal.actions)
			err := h.conf.SelfUnmute(ctx, "ssh:op.c", "C")
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("SelfUnmute: %v, want %v", err, tt.wantErr)
			}
			if got := h.participant("C").Mute; got != tt.want {
				t.Errorf("mute after SelfUnmute %q, want %q", got, tt.want)
			}
			rows := h.journal.actions[before:]
			if journaled := len(rows) == 1 && rows[0].action == "self_unmute" && rows[0].actor == "ssh:op.c"; journaled != tt.journal {
				t.Errorf("journal rows %+v, want journaled %v", rows, tt.journal)
			}
		})
	}
}
