package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// RoomView is the roll call (điểm danh): the meeting's counts, the bridge points waiting at the
// door, and every member with its state and confirmed attendees. A technician asks the sites to
// answer, types a site's number, admits, disconnects and locks from here.
type RoomView struct {
	common Common
	snap   mcu.Snapshot
	rows   []roomRow
	listCursor
	width  int
	height int
	typing bool   // the technician is typing the selected site's attendees
	digits string // what has been typed
	err    string
}

// roomRow is one line of the roll call: a member, or a bridge point at the door.
type roomRow struct {
	id, name  string
	knock     *mcu.Knock
	member    mcu.Participant
	connected bool
}

// roomMsg is a message of the roll-call view, handled by Model.updateRoom.
type roomMsg interface{ roomMessage() }

type (
	roomCloseMsg  struct{} // leave the view
	roomAskMsg    struct{} // ask every connected site for its attendance
	roomAttendMsg struct {
		bp        string
		attendees int
	} // the technician's count of a site
	roomAdmitMsg      struct{ bp string } // admit a site from the door
	roomDisconnectMsg struct{ bp string } // ask to disconnect a site
	roomLockMsg       struct{}            // lock or unlock the meeting
)

func (roomCloseMsg) roomMessage()      {}
func (roomAskMsg) roomMessage()        {}
func (roomAttendMsg) roomMessage()     {}
func (roomAdmitMsg) roomMessage()      {}
func (roomDisconnectMsg) roomMessage() {}
func (roomLockMsg) roomMessage()       {}

// NewRoomView returns the roll call of s.
func NewRoomView(c Common, s mcu.Snapshot) *RoomView {
	v := &RoomView{common: c}
	v.SetSnapshot(s)
	return v
}

// SetSize sets the view's size.
func (v *RoomView) SetSize(width, height int) { v.width, v.height = width, height; v.clamp() }

// SetSnapshot refreshes the rows, keeping the cursor on the same bridge point.
func (v *RoomView) SetSnapshot(s mcu.Snapshot) {
	keep := ""
	if r, ok := v.selected(); ok {
		keep = r.id
	}
	v.snap = s
	v.rows = v.rows[:0]
	for i := range s.Knocks {
		k := s.Knocks[i]
		if k.Reason == mcu.RefusedNotExpected || !hasMember(s, k.BridgePoint) {
			v.rows = append(v.rows, roomRow{id: k.BridgePoint, name: k.Name, knock: &k})
		}
	}
	for _, p := range s.Participants {
		row := roomRow{id: p.ID, name: p.Name, member: p, connected: p.Connected}
		for i := range s.Knocks {
			if s.Knocks[i].BridgePoint == p.ID {
				k := s.Knocks[i]
				row.knock = &k
			}
		}
		v.rows = append(v.rows, row)
	}
	for i, r := range v.rows {
		if r.id == keep {
			v.cursor = i
			break
		}
	}
	v.clamp()
}

// hasMember reports whether bp is a member of s.
func hasMember(s mcu.Snapshot, bp string) bool {
	for _, p := range s.Participants {
		if p.ID == bp {
			return true
		}
	}
	return false
}

// Typing reports whether the view takes every key (a number is being typed).
func (v *RoomView) Typing() bool { return v.typing }

// selected is the row under the cursor.
func (v *RoomView) selected() (roomRow, bool) {
	if v.cursor < 0 || v.cursor >= len(v.rows) {
		return roomRow{}, false
	}
	return v.rows[v.cursor], true
}

// Init does nothing.
func (v *RoomView) Init() tea.Cmd { return nil }

// Update moves the cursor, takes a typed number, and turns the view's keys into room messages.
func (v *RoomView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if v.typing {
		return v.typeKey(km)
	}
	k := v.common.Keys
	send := func(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }
	r, sel := v.selected()
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.RollCall):
		return send(roomCloseMsg{})
	case v.move(k, km, len(v.rows), v.height-5):
	case key.Matches(km, k.AskRollCall):
		return send(roomAskMsg{})
	case key.Matches(km, k.Lock):
		return send(roomLockMsg{})
	case key.Matches(km, k.Attend) && sel && r.member.ID != "":
		v.typing, v.digits, v.err = true, "", ""
	case key.Matches(km, k.AdmitHere) && sel && r.knock != nil:
		return send(roomAdmitMsg{bp: r.id})
	case key.Matches(km, k.Admit): // the bridge point that asked first
		return send(roomAdmitMsg{})
	case key.Matches(km, k.Disconnect) && sel && r.connected:
		return send(roomDisconnectMsg{bp: r.id})
	}
	v.clamp()
	return nil
}

// typeKey takes digits, backspace, enter (save) and esc (cancel) while typing.
func (v *RoomView) typeKey(km tea.KeyMsg) tea.Cmd {
	switch km.Type {
	case tea.KeyEsc:
		v.typing, v.err = false, ""
	case tea.KeyBackspace:
		if v.digits != "" {
			v.digits = v.digits[:len(v.digits)-1]
		}
	case tea.KeyEnter:
		n, err := strconv.Atoi(v.digits)
		r, ok := v.selected()
		if err != nil || n < 0 || n > mcu.MaxAttendees || !ok {
			v.err = v.common.Text(txtRoomBadNumber)
			return nil
		}
		v.typing, v.err = false, ""
		return func() tea.Msg { return roomAttendMsg{bp: r.id, attendees: n} }
	case tea.KeyRunes:
		for _, ch := range km.Runes {
			if ch < '0' || ch > '9' || len(v.digits) >= 5 {
				v.err = v.common.Text(txtRoomBadNumber)
				return nil
			}
			v.digits += string(ch)
		}
		v.err = ""
	}
	return nil
}

// clamp keeps the cursor on a row and in sight.
func (v *RoomView) clamp() {
	v.listCursor.clamp(len(v.rows), v.height-5)
}

// View renders the title, the counts, the column heads, one line per row and a hint.
func (v *RoomView) View() string {
	c, st := v.common, v.common.Styles
	counts := CountRoom(v.snap)
	title := c.Text(txtRoomTitle, counts.Attendees, counts.Confirmed, counts.Expected)
	head := st.Value.Render(counts.Line(c, v.width))
	nameW := max(10, min(32, v.width-44))
	lines := []string{panelTitle(c, title, v.width, true), fit(head, v.width, false),
		st.TableHeader.Render(fit(" "+fit(c.Text(txtRoomColSite), nameW, false)+" "+
			fit(c.Text(txtRoomColState), 18, false)+" "+c.Text(txtRoomColAttendees), v.width, false))}
	if len(v.rows) == 0 {
		lines = append(lines, st.Dim.Render(fit(" "+c.Text(txtRoomNoMeeting), v.width, false)))
	}
	n := max(1, v.height-len(lines)-1)
	end := min(len(v.rows), v.offset+n)
	for i := v.offset; i < end; i++ {
		lines = append(lines, v.row(v.rows[i], nameW, i == v.cursor))
	}
	body := padLines(strings.Join(lines, "\n"), max(1, v.height-1))
	return body + "\n" + v.hintLine()
}

// row is one bridge point: name, state and attendees with who confirmed them.
func (v *RoomView) row(r roomRow, nameW int, selected bool) string {
	c, st := v.common, v.common.Styles
	state, warn := v.stateText(r)
	att := "—"
	if p := r.member; p.ID != "" && p.Attendees >= 0 {
		by := c.Text(txtRoomBySite)
		if p.AttendedBy != "endpoint" {
			by = c.Text(txtRoomByTech, technician(p.AttendedBy))
		}
		att = strconv.Itoa(p.Attendees) + " (" + by + ")"
	}
	line := fit(" "+fit(r.name, nameW, false)+" "+fit(state, 18, false)+" "+att, v.width, false)
	switch {
	case selected:
		return st.Selected.Render(line)
	case warn:
		return st.StatusErr.Render(line)
	}
	return line
}

// stateText is a row's state; warn marks one that needs a technician.
func (v *RoomView) stateText(r roomRow) (string, bool) {
	c := v.common
	switch {
	case r.knock != nil:
		return c.Text(txtRoomKnocking), true
	case r.connected:
		return c.Text(txtRoomConnected), false
	case r.member.LeftReason == string(mcu.RefusedDisconnected):
		return c.Text(txtRoomDisconnected), false
	case r.member.LeftReason != "":
		return c.Text(txtRoomLeft), true
	}
	return c.Text(txtRoomNever), false
}

// hintLine is the number being typed, its error, or the view's keys.
func (v *RoomView) hintLine() string {
	c, st := v.common, v.common.Styles
	if v.err != "" {
		return st.StatusErr.Render(fit(" "+v.err, v.width, false))
	}
	if r, ok := v.selected(); ok && v.typing {
		return st.Value.Render(fit(" "+c.Text(txtRoomTyping, r.name, v.digits), v.width, false))
	}
	hint := txtRoomHint
	if !c.Keys.Attend.Enabled() {
		hint = txtRoomHintRead
	}
	return st.Dim.Render(fit(" "+c.Text(hint), v.width, false))
}

// ShortHelp is the view's bindings for the help bar.
func (v *RoomView) ShortHelp() []key.Binding {
	k := v.common.Keys
	if v.typing {
		return []key.Binding{k.Submit, k.Cancel}
	}
	return []key.Binding{k.AskRollCall, k.Attend, k.AdmitHere, k.Disconnect, k.Lock, k.Back, k.Help}
}

// FullHelp is every binding of the view, in columns.
func (v *RoomView) FullHelp() [][]key.Binding {
	k := v.common.Keys
	return [][]key.Binding{{k.Up, k.Down}, {k.AskRollCall, k.Attend}, {k.AdmitHere, k.Admit, k.Disconnect, k.Lock}, {k.Back, k.Help, k.Quit}}
}
