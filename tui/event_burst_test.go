package tui

import (
	"context"
	"strconv"
	"testing"
	"time"

	"diemcau/mcu"
)

// TestEventBurstIsOneRedraw: a burst of MCU events (160 bridge points joining, talking and
// asking at once) reaches the console as one message, so it is drawn once, not once per event;
// a closed event stream is reported with the last events, and a console that quits stops waiting.
func TestEventBurstIsOneRedraw(t *testing.T) {
	ch := make(chan mcu.Event, 4096)
	for i := range 2000 {
		ch <- mcu.Event{Kind: mcu.EventJoined, BridgePoint: "XA-" + strconv.Itoa(i%160)}
	}
	done := make(chan struct{})
	msg := waitEventsCmd(context.Background(), done, ch, 0)()
	got, ok := msg.(eventsMsg)
	if !ok || len(got.events) != 2000 || got.closed {
		t.Fatalf("first drain: %T with %d events (closed %v), want one message with all 2000", msg, len(got.events), got.closed)
	}
	ch <- mcu.Event{Kind: mcu.EventLeft, BridgePoint: "XA-1"}
	close(ch)
	if got := waitEventsCmd(context.Background(), done, ch, 0)().(eventsMsg); len(got.events) != 1 || !got.closed {
		t.Fatalf("drain of a closed stream: %d events, closed %v", len(got.events), got.closed)
	}
	idle := make(chan mcu.Event)
	close(done)
	if msg := waitEventsCmd(context.Background(), done, idle, time.Hour)(); msg != nil {
		t.Fatalf("a quit console still got %T", msg)
	}
}
