package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// testItemLabels name the checklist's items in the session's language.
var testItemLabels = map[meeting.TestItem]textKey{
	meeting.ItemConnected: txtItemConnected, meeting.ItemAudio: txtItemAudio, meeting.ItemVideo: txtItemVideo,
	meeting.ItemBitrate: txtItemBitrate, meeting.ItemLoss: txtItemLoss, meeting.ItemJitter: txtItemJitter,
	meeting.ItemRTT: txtItemRTT, meeting.ItemDisplay: txtItemDisplay, meeting.ItemCamera: txtItemCamera,
	meeting.ItemEcho: txtItemEcho, meeting.ItemNoHowl: txtItemNoHowl, meeting.ItemPower: txtItemPower,
	meeting.ItemTechnician: txtItemTechnician,
}

// testDetailHeight is the height of the selected bridge point's checklist under the rows.
const testDetailHeight = 9

// TestSessionView is the test session of the live meeting (Article 10.2.b): a row per bridge
// point with the items the MCU measures and the technician's ticks, the selected one's
// checklist with its figures, and the last result saved.
type TestSessionView struct {
	common Common
	limits meeting.TestThresholds
	meter  *meeting.TestMeter
	title  string
	rows   []mcu.Participant
	ticked map[string]map[meeting.TestItem]bool // the ticks on screen, per bridge point
	mine   map[string]bool                      // bridge points ticked here since the view opened
	saved  map[string]store.TestResult
	armed  string // the bridge point whose save would turn a passed result into a failed one: enter again confirms
	listCursor
	item   int // the manual item under the cursor
	width  int
	height int
}

// NewTestSessionView returns the view over the meter's measurements.
func NewTestSessionView(c Common, meter *meeting.TestMeter) *TestSessionView {
	return &TestSessionView{common: c, limits: meeting.DefaultTestThresholds, meter: meter,
		ticked: map[string]map[meeting.TestItem]bool{}, mine: map[string]bool{}, saved: map[string]store.TestResult{}}
}

// SetSize sets the view's size.
func (v *TestSessionView) SetSize(width, height int) { v.width, v.height = width, height; v.clamp() }

// SetSnapshot takes the conference's bridge points.
func (v *TestSessionView) SetSnapshot(s mcu.Snapshot) {
	v.title, v.rows = s.Title, s.Participants
	v.clamp()
}

// SetResults takes the latest saved result of each bridge point; a bridge point not ticked
// here since the view opened shows the saved ticks, so that reopening shows what was saved.
func (v *TestSessionView) SetResults(latest []store.TestResult) {
	v.saved = make(map[string]store.TestResult, len(latest))
	for _, r := range latest {
		v.saved[r.BridgePoint] = r
		if !v.mine[r.BridgePoint] {
			v.ticked[r.BridgePoint] = meeting.SavedTicks(r)
		}
	}
}

// Saved returns the latest saved result of bridgePoint, if any.
func (v *TestSessionView) Saved(bridgePoint string) (store.TestResult, bool) {
	r, ok := v.saved[bridgePoint]
	return r, ok
}

// Selected returns the bridge point under the cursor.
func (v *TestSessionView) Selected() (mcu.Participant, bool) {
	if v.cursor < 0 || v.cursor >= len(v.rows) {
		return mcu.Participant{}, false
	}
	return v.rows[v.cursor], true
}

// Checklist is bridgePoint's checklist now: what the MCU measured and what was ticked.
func (v *TestSessionView) Checklist(bridgePoint string) []meeting.ItemResult {
	return v.limits.Checklist(v.meter.Measurement(bridgePoint), v.ticked[bridgePoint])
}

// Toggle ticks or unticks the manual item under the cursor for bridgePoint.
func (v *TestSessionView) Toggle(bridgePoint string) {
	t := v.ticked[bridgePoint]
	if t == nil {
		t = map[meeting.TestItem]bool{}
		v.ticked[bridgePoint] = t
	}
	it := meeting.ManualItems[v.item]
	t[it] = !t[it]
	v.mine[bridgePoint] = true
	v.armed = ""
}

// Init does nothing.
func (v *TestSessionView) Init() tea.Cmd { return nil }

// Update moves between bridge points and manual items and asks the root to save; the root
// applies ticks itself (Toggle), after checking the role.
func (v *TestSessionView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := v.common.Keys
	send := func(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }
	p, has := v.Selected()
	switch {
	case key.Matches(km, k.Cancel), key.Matches(km, k.TestSession):
		return send(testCloseMsg{})
	case v.move(k, km, len(v.rows), v.rowsShown()):
	case key.Matches(km, k.Left):
		v.item = (v.item + len(meeting.ManualItems) - 1) % len(meeting.ManualItems)
	case key.Matches(km, k.Right):
		v.item = (v.item + 1) % len(meeting.ManualItems)
	case !has:
	case key.Matches(km, k.Submit), key.Matches(km, k.Save):
		items := v.Checklist(p.ID)
		prev, had := v.saved[p.ID]
		if had && prev.Passed && !meeting.AllPassed(items) && v.armed != p.ID {
			v.armed = p.ID // a passed result would be overwritten by a failed one: ask first
			return send(testOverwriteMsg{bridgePoint: p.ID, changes: meeting.TestChanges(prev, items)})
		}
		v.armed = ""
		msg := testSaveMsg{bridgePoint: p.ID, items: items}
		if had {
			msg.prev = &prev
		}
		return send(msg)
	}
	v.clamp()
	return nil
}

// clamp keeps the cursor on a row and in sight.
func (v *TestSessionView) clamp() {
	v.listCursor.clamp(len(v.rows), v.rowsShown())
}

// rowsShown is how many bridge points fit above the checklist.
func (v *TestSessionView) rowsShown() int { return max(1, v.height-2-testDetailHeight) }

// View renders the title, the rows and the selected bridge point's checklist.
func (v *TestSessionView) View() string {
	c, st := v.common, v.common.Styles
	lines := []string{panelTitle(c, c.Text(txtTsTitle, v.title), v.width, true)}
	if len(v.rows) == 0 {
		lines = append(lines, st.Dim.Render(fit(" "+c.Text(txtTsNoMeeting), v.width, false)))
		return padLines(strings.Join(lines, "\n"), v.height)
	}
	nameW := min(40, max(8, v.width-2-15-2-18))
	lines = append(lines, st.TableHeader.Render(fit("  "+fit(c.Text(txtTsColBP), nameW, false)+" "+
		fit(c.Text(txtTsColChecks), 16, false)+" "+c.Text(txtTsColResult), v.width, false)))
	end := min(len(v.rows), v.offset+v.rowsShown())
	for i := v.offset; i < end; i++ {
		lines = append(lines, v.row(v.rows[i], i == v.cursor, nameW))
	}
	body := padLines(strings.Join(lines, "\n"), max(1, v.height-testDetailHeight))
	return body + "\n" + v.detail()
}

// row is one bridge point: name, a mark per item (measured │ ticked) and the saved result.
func (v *TestSessionView) row(p mcu.Participant, selected bool, nameW int) string {
	st := v.common.Styles
	items := v.Checklist(p.ID)
	var marks strings.Builder
	for i, r := range items {
		if i == len(meeting.MeasuredItems) {
			marks.WriteString(st.Dim.Render("│"))
		}
		marks.WriteString(v.mark(r.Passed))
	}
	cursor := "  "
	if selected {
		cursor = st.Selected.Render("▸") + " "
	}
	return cursor + fit(p.Name, nameW, false) + " " + marks.String() + "  " + v.savedText(p.ID)
}

// mark is ✓ in green or ✗ in red.
func (v *TestSessionView) mark(ok bool) string {
	if ok {
		return v.common.Styles.StatusOK.Render("✓")
	}
	return v.common.Styles.StatusErr.Render("✗")
}

// savedText is the last saved result of bridgePoint and when, or "not saved".
func (v *TestSessionView) savedText(bridgePoint string) string {
	c, st := v.common, v.common.Styles
	r, ok := v.saved[bridgePoint]
	if !ok {
		return st.Dim.Render(c.Text(txtTsNotSaved))
	}
	at := r.TestedAt.In(meeting.Zone()).Format("15:04")
	if r.Passed {
		return st.StatusOK.Render(c.Text(txtTsLast, c.Text(txtTsPass), at))
	}
	return st.StatusErr.Render(c.Text(txtTsLast, c.Text(txtTsFail), at))
}

// detail is the selected bridge point's checklist: measured items with their figures on the
// left, the manual items on the right with the cursor.
func (v *TestSessionView) detail() string {
	c, st := v.common, v.common.Styles
	p, ok := v.Selected()
	if !ok {
		return padLines("", testDetailHeight)
	}
	half := (v.width - 1) / 2
	items := v.Checklist(p.ID)
	left := []string{st.Label.Render(fit(p.Name+" · "+c.Text(txtTsMeasured), half, false))}
	for _, r := range items[:len(meeting.MeasuredItems)] {
		fig := r.Figure
		if fig == "" && r.Item != meeting.ItemConnected {
			fig = c.Text(txtTsNotMeasured)
		}
		label := fit(c.Text(testItemLabels[r.Item]), max(4, half-2-cells(fig)-1), false)
		left = append(left, v.mark(r.Passed)+" "+label+" "+fig)
	}
	right := []string{st.Label.Render(fit(c.Text(txtTsManual), v.width-half-1, false))}
	for i, r := range items[len(meeting.MeasuredItems):] {
		box := "[ ] "
		if r.Passed {
			box = "[x] "
		}
		line := fit(box+c.Text(testItemLabels[r.Item]), v.width-half-1, false)
		if i == v.item {
			line = st.Selected.Render(line)
		}
		right = append(right, line)
	}
	return padLines(st.Dim.Render(strings.Repeat("─", max(0, v.width)))+"\n"+
		besides(strings.Join(left, "\n"), strings.Join(right, "\n"), half), testDetailHeight)
}

// ShortHelp is the view's bindings for the help bar; tick and save only for who may save.
func (v *TestSessionView) ShortHelp() []key.Binding {
	k := v.common.Keys
	if !v.common.Perm.AllowsAny(ActTestSession) {
		return []key.Binding{k.Move, k.Back, k.Help}
	}
	return []key.Binding{k.Toggle, k.SaveTest, k.Field, k.Move, k.Back, k.Help}
}

// FullHelp is every binding of the view, in columns.
func (v *TestSessionView) FullHelp() [][]key.Binding {
	return [][]key.Binding{v.ShortHelp()}
}
