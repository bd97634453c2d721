package tui

import (
	"context"
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestProgramBookingAllCommunesAndWards books a kind-a meeting for "all communes and wards"
// from the console in a real Bubble Tea program at 80×24: B, a, kind a, the fields typed, enter
// on the sub bridge points opens the site picker, g and enter add the whole group, enter
// returns to the form, ctrl+s saves; the booking holds every commune and ward and nothing else.
func TestProgramBookingAllCommunesAndWards(t *testing.T) {
	f := newFixture(t, 3)
	bookingNow(t)
	ctx := context.Background()
	units, bps := provinceRegistry()
	if err := f.st.ImportRegistry(ctx, units, bps); err != nil {
		t.Fatal(err)
	}
	tm := startProgram(t, f, "vi")
	waitOutput(t, tm, "Xã Chư Păh")
	tm.Type("B")
	waitOutput(t, tm, "Lịch đăng ký họp (0)")
	tm.Type("a")
	waitOutput(t, tm, "Phụ lục I")
	typed := func(s string) { tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}) }
	typed("a") // kind a: the provincial chair with every commune and ward
	vals := formValues("2026-12-21 09:00")
	for field := bkHostUnit; field < bkPoints; field++ {
		tm.Send(tea.KeyMsg{Type: tea.KeyTab})
		typed(vals[field])
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, tm, "Chọn điểm cầu")
	typed("g")
	waitOutput(t, tm, "tất cả xã, phường (0/138)")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, tm, "đã chọn 138/141")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, tm, "138 điểm cầu nhánh")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	var want []string
	kind := map[string]string{}
	all, _ := f.st.Units(ctx)
	for _, u := range all {
		kind[u.ID] = u.Kind
	}
	sites, _ := f.st.BridgePoints(ctx)
	for _, bp := range sites {
		if k := kind[bp.UnitID]; k == "commune" || k == "ward" {
			want = append(want, bp.ID)
		}
	}
	slices.Sort(want)
	eventually(t, "the booking of every commune and ward in SQLite", func() bool {
		bs, err := f.st.Bookings(ctx)
		if err != nil || len(bs) != 1 || bs[0].Kind != "a" {
			return false
		}
		var got []string
		for _, p := range bs[0].Points {
			got = append(got, p.BridgePoint)
		}
		slices.Sort(got)
		return slices.Equal(got, want)
	})
	waitOutput(t, tm, "Lịch đăng ký họp (1)")
	quitProgram(t, tm)
}
