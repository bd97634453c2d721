package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// checkFits fails when the view has more lines than height or a line wider than width.
func checkFits(t *testing.T, what, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > height {
		t.Errorf("%s: %d lines, want at most %d", what, len(lines), height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%s: line %d is %d cells wide (> %d): %q", what, i, w, width, ansi.Strip(l))
		}
	}
}

func TestViewFitsTheTerminal(t *testing.T) {
	f := newFixture(t, 160)
	for _, lang := range []string{"vi", "en"} {
		for _, size := range [][2]int{{80, 24}, {100, 30}, {200, 60}} {
			w, h := size[0], size[1]
			m := f.model(t, lang, w, h)
			name := fmt.Sprintf("%s %dx%d", lang, w, h)
			checkFits(t, name+" main", m.View(), w, h)
			press(t, m, "?")
			checkFits(t, name+" full help", m.View(), w, h)
			press(t, m, "?", "i", "ctrl+s")
			checkFits(t, name+" form with errors", m.View(), w, h)
			press(t, m, "esc", "q")
			checkFits(t, name+" quit dialog", m.View(), w, h)
			press(t, m, "n", "/", "x", "a")
			checkFits(t, name+" filtering", m.View(), w, h)
		}
	}
}

func TestHeaderShowsMeeting(t *testing.T) {
	f := newFixture(t, 3)
	m := f.model(t, "vi", 80, 24)
	lines := strings.Split(plain(m.View()), "\n")
	if !strings.HasPrefix(lines[0], "Họp giao ban trực tuyến tháng 11") {
		t.Fatalf("header line 1 = %q", lines[0])
	}
	for _, want := range []string{"Kết nối 0/4", "Thời gian 00:00:", "Tắt mic 0"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("header line 2 %q lacks %q", lines[1], want)
		}
	}
}

func TestLanguages(t *testing.T) {
	f := newFixture(t, 2)
	tests := []struct {
		lang string
		want []string
	}{
		{"vi", []string{"Điểm cầu (3/3)", "Xin phát biểu", "Sự kiện", "chưa vào", "tắt/mở mic", "Chủ tọa"}},
		{"en", []string{"Bridge points (3/3)", "Speak requests", "Events", "never joined", "mute/unmute", "Chair"}},
		{"", []string{"Điểm cầu (3/3)"}},
	}
	for _, tt := range tests {
		m := f.model(t, tt.lang, 120, 30)
		if w, ok := contains(m.View(), tt.want...); !ok {
			t.Errorf("lang %q: %q missing in\n%s", tt.lang, w, plain(m.View()))
		}
	}
}

func TestScrollKeepsCursorVisible(t *testing.T) {
	f := newFixture(t, 200)
	m := f.model(t, "vi", 80, 24)
	press(t, m, "end")
	if w, ok := contains(m.View(), "Xã số 200"); !ok {
		t.Fatalf("%q not visible after end:\n%s", w, plain(m.View()))
	}
	if strings.Contains(plain(m.View()), "Phòng họp UBND tỉnh ") {
		t.Fatal("first row still drawn after end")
	}
	press(t, m, "up", "up")
	if p, _ := m.table.Selected(); p.Name != "Xã số 198" {
		t.Fatalf("selected %q", p.Name)
	}
}

func TestFilterIgnoresDiacritics(t *testing.T) {
	f := newFixture(t, 4)
	m := f.model(t, "vi", 80, 24)
	press(t, m, strings.Split("/dak doa", "")...)
	view := plain(m.View())
	if !strings.Contains(view, "Xã Đak Đoa") || strings.Contains(view, "Xã Ia Grai") {
		t.Fatalf("filter dak doa:\n%s", view)
	}
	press(t, m, "q") // typed into the filter, not a quit
	if m.confirm() != nil || m.table.Filter() != "dak doaq" {
		t.Fatalf("q in filter: dialog=%v filter=%q", m.confirm() != nil, m.table.Filter())
	}
	press(t, m, "esc")
	if !strings.Contains(plain(m.View()), "Xã Ia Grai") {
		t.Fatal("esc did not clear the filter")
	}
}

func TestSortCycles(t *testing.T) {
	f := newFixture(t, 4)
	m := f.model(t, "vi", 80, 24)
	press(t, m, "s")
	if m.table.Sort() != SortName {
		t.Fatalf("sort = %d", m.table.Sort())
	}
	if p, _ := m.table.Selected(); p.ID != "UBND-TINH" {
		t.Fatalf("cursor left its bridge point: %s", p.ID)
	}
	press(t, m, "home")
	if p, _ := m.table.Selected(); p.Name != "Phòng họp UBND tỉnh" {
		t.Fatalf("first by name = %q", p.Name)
	}
	press(t, m, "down")
	if p, _ := m.table.Selected(); p.Name != "Phường Pleiku" {
		t.Fatalf("second by name = %q", p.Name)
	}
	press(t, m, "s", "s", "s")
	if m.table.Sort() != SortRegistry {
		t.Fatalf("sort did not cycle back: %d", m.table.Sort())
	}
}

// Cameras the MCU paused (on no screen) are counted in the table's title at 80 columns, so their
// low kbps does not read as a bad line, and named in the resolution column on a wide screen.
func TestPausedCamerasShown(t *testing.T) {
	f := newFixture(t, 4)
	for _, tc := range []struct {
		lang        string
		width       int
		title, cell string
	}{{"vi", 80, "2 camera tạm dừng", ""}, {"en", 80, "2 cameras paused", ""}, {"vi", 200, "2 camera tạm dừng", "tạm dừng"}} {
		m := f.model(t, tc.lang, tc.width, 24)
		ps := f.conf.Snapshot().Participants
		for i := range ps {
			ps[i].Connected = true
			ps[i].Quality.Width, ps[i].Quality.Height = 1280, 720
			ps[i].Quality.VideoPaused = i == 1 || i == 2
		}
		m.table.SetParticipants(ps)
		view := plain(m.View())
		if !strings.Contains(view, tc.title) {
			t.Errorf("%s %d columns: no %q in\n%s", tc.lang, tc.width, tc.title, view)
		}
		if tc.cell != "" {
			for _, l := range strings.Split(view, "\n") {
				if strings.Contains(l, ps[1].Name) && !strings.Contains(l, tc.cell) {
					t.Errorf("%s: the paused row lacks %q: %q", tc.lang, tc.cell, l)
				}
				if strings.Contains(l, ps[0].Name) && !strings.Contains(l, "1280×720") {
					t.Errorf("%s: the sending row lacks its resolution: %q", tc.lang, l)
				}
			}
		}
		checkFits(t, tc.lang+" paused", m.View(), tc.width, 24)
	}
}
