package tui

// SSHStats is what /metrics shows of the SSH server.
type SSHStats struct {
	Sessions int    // consoles open now
	Refused  uint64 // keys refused since start
}

// Stats reads the SSH server's numbers.
func (s *SSHServer) Stats() SSHStats {
	s.mu.Lock()
	n := len(s.programs)
	s.mu.Unlock()
	return SSHStats{Sessions: n, Refused: s.refused.Load()}
}
