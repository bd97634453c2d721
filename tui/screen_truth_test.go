package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
)

// TestFullHelpListsEveryKeyOfTheRole: `?` on each panel of the main screen lists every key the
// role may use there and from everywhere (R, B, T, I, C … for the control room), at 80×24 and
// wide, and the screen still fits.
func TestFullHelpListsEveryKeyOfTheRole(t *testing.T) {
	f := newFixture(t, 3)
	for _, role := range []Role{RoleControl, RoleViewer} {
		for _, size := range [][2]int{{80, 24}, {160, 40}} {
			opts := f.options("vi")
			opts.Role = role
			m := New(opts)
			t.Cleanup(m.Close)
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			press(t, m, "?")
			for panel := panel(0); panel < panelCount; panel++ {
				view := plain(m.View())
				checkFits(t, "full help", m.View(), size[0], size[1])
				for _, b := range m.common.Keys.globalFull() {
					if !b.Enabled() {
						continue
					}
					re := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(b.Help().Key) + `\s+` + regexp.QuoteMeta(b.Help().Desc))
					if !re.MatchString(view) {
						t.Errorf("%s %dx%d panel %d: full help lacks %q %q:\n%s", role, size[0], size[1], panel,
							b.Help().Key, b.Help().Desc, view)
					}
				}
				press(t, m, "tab")
			}
		}
	}
}

// TestSlashFromAnyPanelFilters: / in the queue or the events panel opens the bridge-point
// filter, so the letters typed next (one by one, or in one read over SSH) are filter text and
// never commands — "pleiku" must not open the incident form with its i.
func TestSlashFromAnyPanelFilters(t *testing.T) {
	f := newFixture(t, 3)
	for _, panelKeys := range [][]string{{"tab"}, {"tab", "tab"}} {
		m := f.model(t, "vi", 80, 24)
		press(t, m, panelKeys...)
		press(t, m, "/", "p", "l", "e", "i", "k", "u")
		if m.form() != nil {
			t.Fatalf("after %v: typing in the filter opened the incident form", panelKeys)
		}
		if m.focus != panelTable || m.table.Filter() != "pleiku" {
			t.Fatalf("after %v: focus %v, filter %q; want the table filtering \"pleiku\"", panelKeys, m.focus, m.table.Filter())
		}
		m2 := f.model(t, "vi", 80, 24)
		press(t, m2, panelKeys...)
		m2.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/pleiku")}) // one read over SSH
		if m2.form() != nil || m2.table.Filter() != "pleiku" {
			t.Fatalf("after %v, one read: form %v, filter %q", panelKeys, m2.form() != nil, m2.table.Filter())
		}
	}
}

// TestListOrderIsTheMeetingsList: "sorted by the list" is the meeting's list — the main site,
// the expected sites as booked, then the registry's order — not the order sites joined in.
func TestListOrderIsTheMeetingsList(t *testing.T) {
	f := newFixture(t, 3)
	m := f.model(t, "vi", 100, 30)
	joined := []mcu.Participant{{ID: "XA-C", Name: "Xã C"}, {ID: "MAIN", Name: "Tỉnh", Main: true},
		{ID: "XA-A", Name: "Xã A"}, {ID: "XA-B", Name: "Xã B"}}
	m.table.SetParticipants(joined)
	m.table.SetListOrder(map[string]int{"MAIN": 0, "XA-A": 1, "XA-B": 2, "XA-C": 3})
	var got []string
	for _, i := range m.table.view {
		got = append(got, m.table.rows[i].ID)
	}
	if strings.Join(got, ",") != "MAIN,XA-A,XA-B,XA-C" {
		t.Fatalf("list order %v, want MAIN,XA-A,XA-B,XA-C", got)
	}
	// The order the console reads: the meeting's expected sites first, then the registry.
	msg := listOrderCmd(m.common, f.st, f.meeting)()
	lo, ok := msg.(listOrderMsg)
	if !ok || lo.meetingID != f.meeting {
		t.Fatalf("listOrderCmd: %#v", msg)
	}
	want, err := f.st.Participants(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range want {
		if lo.order[id] != i {
			t.Errorf("expected site %s at %d, want %d", id, lo.order[id], i)
		}
	}
}

// TestEventsSpeakPlainly: events name sites by their registry name even before the site is a
// member, a deliberate leave is not a lost connection, and the MCU's reasons are translated.
func TestEventsSpeakPlainly(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "vi", 100, 30)
	m.Update(listOrderCmd(m.common, f.st, f.meeting)())
	id := f.members[1].ID
	name := f.members[1].Name
	delete(m.names, id)
	m.Update(listOrderMsg{meetingID: m.snap.MeetingID, order: map[string]int{}, names: map[string]string{id: name}})
	cases := []struct {
		e    mcu.Event
		want string
	}{
		{mcu.Event{Kind: mcu.EventJoined, BridgePoint: id}, name},
		{mcu.Event{Kind: mcu.EventLeft, BridgePoint: id, Detail: "left"}, name + " rời cuộc họp"},
		{mcu.Event{Kind: mcu.EventLeft, BridgePoint: id, Detail: "ice failed"}, name + " mất kết nối (mất đường truyền)"},
	}
	for _, c := range cases {
		got, _ := describeEvent(m.common, c.e, m.names)
		if !strings.Contains(got, c.want) || strings.Contains(got, id) {
			t.Errorf("%s %q: %q, want %q and no id", c.e.Kind, c.e.Detail, got, c.want)
		}
	}
}

// TestDiskLowStopIsAnAlert: a recording the MCU stopped for a filling disk is shown on the
// status line and as a warning in the event log, in the session's language.
func TestDiskLowStopIsAnAlert(t *testing.T) {
	f := newFixture(t, 1)
	for lang, want := range map[string]string{"vi": "ĐÃ DỪNG GHI HÌNH", "en": "RECORDING STOPPED"} {
		m := f.model(t, lang, 100, 30)
		m.addEvents([]mcu.Event{{Kind: mcu.EventRecording, Conference: f.conf.ID(), Detail: "stopped",
			Actor: mcu.DiskLowActor, At: time.Now()}})
		if !strings.Contains(m.help.Status(), want) {
			t.Errorf("%s: status %q, want %q", lang, m.help.Status(), want)
		}
		if w, ok := contains(m.View(), want); !ok {
			t.Errorf("%s: view lacks %q:\n%s", lang, w, plain(m.View()))
		}
	}
}

// TestLongQuestionIsReadWhole: a confirm question longer than the screen wraps instead of being
// cut, and the dialog still fits 80×24.
func TestLongQuestionIsReadWhole(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "vi", 80, 24)
	q := m.common.Text(txtCloseConfirmPending, 24, 0, 2)
	m.openConfirm(ConfirmCloseMeeting, q)
	view := plain(m.View())
	checkFits(t, "long confirm", m.View(), 80, 24)
	flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╮", " ", "╰", " ", "╯", " ", "─", " ").Replace(view)), " ")
	if !strings.Contains(flat, "đến khi nộp nhật ký.") {
		t.Fatalf("the end of the question is lost:\n%s", view)
	}
}
