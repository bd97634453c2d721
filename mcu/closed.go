package mcu

// Closed reports whether the conference has been closed; a Snapshot taken before a false
// answer shows the conference still live.
func (c *Conference) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}
