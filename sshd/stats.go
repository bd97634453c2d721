package sshd

// Stats is what /metrics shows of the SSH server.
type Stats struct {
	Sessions int    // consoles open now
	Refused  uint64 // keys refused since start
}

// Stats reads the SSH server's numbers.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	n := len(s.programs)
	s.mu.Unlock()
	return Stats{Sessions: n, Refused: s.refused.Load()}
}
