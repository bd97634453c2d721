package sip

import "time"

// Keypad codes (RFC 4733 events from the terminal's remote), documented in README.md.
const (
	codeRaise = "*1" // raise the site's hand (speak request)
	codeLower = "*2" // lower it
	codeHelp  = "*0" // ask the control center for help
)

// keyTimeout is the longest pause between the two keys of a code.
const keyTimeout = 3 * time.Second

// keypad turns RFC 4733 telephone-event packets into keys and keys into codes. Used only by
// the call's reader goroutine.
type keypad struct {
	lastTS  uint32
	haveTS  bool
	pending string // "*" after a star, waiting for its digit
	at      time.Time
}

// eventKeys maps RFC 4733 event numbers to keys.
const eventKeys = "0123456789*#"

// event reads one telephone-event payload with the packet's RTP timestamp; it returns the key
// the first time an event (a new timestamp) is seen, and 0 for its repetitions and updates.
func (k *keypad) event(ts uint32, payload []byte) byte {
	if len(payload) < 4 || int(payload[0]) >= len(eventKeys) {
		return 0
	}
	if k.haveTS && ts == k.lastTS {
		return 0
	}
	k.lastTS, k.haveTS = ts, true
	return eventKeys[payload[0]]
}

// press records key and returns the code it completes, or "".
func (k *keypad) press(key byte, now time.Time) string {
	if key == '*' {
		k.pending, k.at = "*", now
		return ""
	}
	if k.pending == "" || now.Sub(k.at) > keyTimeout {
		k.pending = ""
		return ""
	}
	code := k.pending + string(key)
	k.pending = ""
	switch code {
	case codeRaise, codeLower, codeHelp:
		return code
	}
	return ""
}
