package tui

import (
	"diemcau/live"
	"diemcau/mcu"
)

// The console acts only through live's facade: every action command asks the session's desk,
// which checks the role again, acts and writes the audit row. The console's own permit checks
// (model_permit.go) only decide what to show and say.

// desk is the facade as the session's technician.
func (c Common) desk() *live.Desk { return c.facade.As(c.Perm.Identity(c.Actor)) }

// room is the session's desk acting in conference conf.
func (c Common) room(conf *mcu.Conference) *live.Room { return c.desk().In(conf) }
