package tui

import (
	"sync/atomic"

	"diemcau/mcu"
)

// A host key (role=host bp=ID) runs the floor and the far-end microphones only of the meeting
// whose main bridge point is its bp: for any other meeting, or when the key has no bp=, the
// session is read-only like a viewer's, and the header and the status line say why.

// liveMain is the main bridge point of the session's live conference ("" when none), shared by
// every copy of the session's Permissions.
type liveMain struct{ id atomic.Pointer[string] }

// NewPermissions returns the permissions of a technician with role and bridge point bp.
func NewPermissions(role Role, bp string) Permissions {
	return Permissions{Role: role, BridgePoint: bp, live: &liveMain{}}
}

// SetLiveMain records the live conference's main bridge point and reports whether it changed.
func (p Permissions) SetLiveMain(id string) bool {
	if p.live == nil {
		return false
	}
	old := p.live.id.Swap(&id)
	return old == nil || *old != id
}

// LiveMain is the live conference's main bridge point as last recorded, "" when unknown.
func (p Permissions) LiveMain() string {
	if p.live == nil {
		return ""
	}
	if id := p.live.id.Load(); id != nil {
		return *id
	}
	return ""
}

// Hosting reports whether a host may act: its key names a bridge point (bp=) and that is the
// live conference's main bridge point.
func (p Permissions) Hosting() bool {
	return p.BridgePoint != "" && p.LiveMain() == p.BridgePoint
}

// hostReadOnly reports whether p is a host key that may not act on the live meeting.
func (p Permissions) hostReadOnly() bool { return p.role() == RoleHost && !p.Hosting() }

// noteLiveMain records the snapshot's main bridge point; when that changes a host's standing,
// the keys are confined again and the status line says why the session is read-only.
func (m *Model) noteLiveMain(s mcu.Snapshot) {
	main := ""
	for _, p := range s.Participants {
		if p.Main {
			main = p.ID
			break
		}
	}
	p := m.common.Perm
	if !p.SetLiveMain(main) || p.role() != RoleHost {
		return
	}
	m.common.Keys.confine(p)
	if why := hostReadOnlyReason(m.common, m.names); why != "" {
		m.help.SetStatus(why, false)
		m.log.Info("host session read-only", "tech", m.common.Actor, "bridge_point", p.BridgePoint, "main_bridge_point", main)
	} else {
		m.help.SetStatus("", false)
	}
}

// hostReadOnlyReason says why a host session may not act, "" when it may (or is not a host).
func hostReadOnlyReason(c Common, names map[string]string) string {
	p := c.Perm
	switch {
	case !p.hostReadOnly():
		return ""
	case p.BridgePoint == "":
		return c.Text(txtHostNoBP)
	case p.LiveMain() == "":
		return c.Text(txtHostNoMeeting, nameOf(names, p.BridgePoint))
	}
	return c.Text(txtHostNotHosting, nameOf(names, p.BridgePoint), nameOf(names, p.LiveMain()))
}

// hostKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type hostKey int

func (hostKey) tuiText() {}

const (
	txtRoleHostReadOnly hostKey = iota
	txtHostNoBP
	txtHostNoMeeting
	txtHostNotHosting
	txtHostRefused
)

func init() { addTexts(hostTextVI, hostTextEN) }

// hostTextVI is the Vietnamese table of the host's read-only strings.
var hostTextVI = map[hostKey]string{
	txtRoleHostReadOnly: "Điểm cầu chính (chỉ xem)",
	txtHostNoBP:         "Chỉ xem: khóa SSH vai trò điểm cầu chính thiếu bp=MÃ-ĐIỂM-CẦU",
	txtHostNoMeeting:    "Chỉ xem: chưa có cuộc họp do %s chủ trì",
	txtHostNotHosting:   "Chỉ xem: %s không chủ trì cuộc họp này (điểm cầu chính là %s)",
	txtHostRefused:      "Không được phép %s — %s",
}

// hostTextEN is the English table of the host's read-only strings.
var hostTextEN = map[hostKey]string{
	txtRoleHostReadOnly: "Main bridge point (read-only)",
	txtHostNoBP:         "Read-only: this main-bridge-point SSH key has no bp=BRIDGE-POINT-ID",
	txtHostNoMeeting:    "Read-only: no live meeting hosted by %s",
	txtHostNotHosting:   "Read-only: %s does not host this meeting (its main bridge point is %s)",
	txtHostRefused:      "Not allowed to %s — %s",
}
