package mcu

import "sync"

// eventHub fans events out to subscribers without ever blocking the sender.
type eventHub struct {
	mu   sync.Mutex
	next int
	subs map[int]chan Event
}

// subscribe registers a subscriber with a buffer of the given size.
func (h *eventHub) subscribe(buffer int) (<-chan Event, func()) {
	if buffer < 1 {
		buffer = 1
	}
	ch := make(chan Event, buffer)
	h.mu.Lock()
	if h.subs == nil {
		h.subs = make(map[int]chan Event)
	}
	id := h.next
	h.next++
	h.subs[id] = ch
	h.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			if _, open := h.subs[id]; open { // closeAll may have ended it already
				delete(h.subs, id)
				close(ch)
			}
		})
	}
}

// emit delivers ev to every subscriber that has room; full subscribers lose it.
func (h *eventHub) emit(ev Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, ch := range h.subs {
		select {
		case ch <- ev:
		default:
		}
	}
}

// closeAll ends every subscription.
func (h *eventHub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, ch := range h.subs {
		delete(h.subs, id)
		close(ch)
	}
}
