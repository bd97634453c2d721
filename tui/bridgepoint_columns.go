package tui

import (
	"strconv"

	"diemcau/mcu"
)

// sipMark starts the name of a site connected over SIP (a room system), which hears the
// meeting but sees no notice: the protocol's name, the same in both languages.
const sipMark = "SIP·"

// wideFrom is the width from which the table shows resolution and a longer level meter.
const wideFrom = 110

// columns are the cell widths of the bridge-point table for one terminal width.
type columns struct {
	name, state, mic, level, loss, jitter, rtt, kbps, res int
}

// layoutColumns fits the columns into width, giving the name what is left.
func layoutColumns(c Common, width int) columns {
	widest := func(keys ...textKey) int {
		w := 0
		for _, k := range keys {
			w = max(w, cells(c.Text(k)))
		}
		return w
	}
	cols := columns{
		state: max(widest(append([]textKey{txtStateConnected, txtStateDisconnected, txtStateNever}, callLabelKeys...)...),
			cells(c.Text(txtCallRedial, 20, 20))),
		mic:    widest(txtMicOpen, txtMicSoft, txtMicHard, txtColMic),
		level:  8,
		loss:   5,
		jitter: 4,
		rtt:    4,
		kbps:   5,
	}
	if width >= wideFrom {
		cols.level, cols.res = 12, 11
	}
	fixed := 2 + cols.state + cols.mic + cols.level + cols.loss + cols.jitter + cols.rtt + cols.kbps + 7
	if cols.res > 0 {
		fixed += cols.res + 1
	}
	cols.name = max(8, width-fixed-1)
	return cols
}

// header renders the column titles.
func (cols columns) header(c Common) string {
	s := "  " + fit(c.Text(txtColName), cols.name, false) + " " +
		fit(c.Text(txtColState), cols.state, false) + " " +
		fit(c.Text(txtColMic), cols.mic, false) + " " +
		fit(c.Text(txtColLevel), cols.level, false) + " " +
		fit(c.Text(txtColLoss), cols.loss, true) + " " +
		fit(c.Text(txtColJitter), cols.jitter, true) + " " +
		fit(c.Text(txtColRTT), cols.rtt, true) + " " +
		fit(c.Text(txtColKbps), cols.kbps, true)
	if cols.res > 0 {
		s += " " + fit(c.Text(txtColRes), cols.res, true)
	}
	return s
}

// row renders one participant; selected rows are drawn plain in the Selected style.
func (cols columns) row(c Common, p mcu.Participant, seen, selected bool) string {
	st := c.Styles
	mark := "  "
	if p.Main {
		mark = "* "
	}
	if p.Transport == "sip" { // a room system: marked in its name cell, the columns stay as they are
		p.Name = sipMark + p.Name
	}
	q := p.Quality
	on := p.Connected
	sk := stateKey(p, seen)
	res := "–"
	switch {
	case on && q.VideoPaused: // on no slot: the MCU asked the site to pause its camera
		res = c.Text(txtVideoPaused)
	case on && q.Width > 0:
		res = strconv.Itoa(q.Width) + "×" + strconv.Itoa(q.Height)
	}
	state := c.Text(sk)
	if l := callLabel(c, p.Call); l != "" && !on {
		state = l
	}
	cellsOut := []string{
		mark + fit(p.Name, cols.name, false),
		fit(state, cols.state, false),
		fit(c.Text(micKey(p.Mute)), cols.mic, false),
		fit(levelMeter(p.AudioLevel, cols.level), cols.level, false),
		fit(number(q.LossPct, on), cols.loss, true),
		fit(number(q.JitterMs, on), cols.jitter, true),
		fit(number(q.RTTMs, on && q.RTTMs > 0), cols.rtt, true),
		fit(number(q.BitrateKbps, on), cols.kbps, true),
	}
	if cols.res > 0 {
		cellsOut = append(cellsOut, fit(res, cols.res, true))
	}
	if selected {
		return st.Selected.Render(join(cellsOut))
	}
	grade := st.Grade[GradeGood]
	if on {
		grade = st.Grade[gradeOf(q.LossPct)]
	}
	style := st.StateConnected
	switch sk {
	case txtStateDisconnected:
		style = st.StateDisconnected
	case txtStateNever:
		style = st.StateNever
	}
	cellsOut[0] = grade.Render(cellsOut[0])
	cellsOut[1] = style.Render(cellsOut[1])
	if p.Mute != mcu.Unmuted {
		cellsOut[2] = st.MicMuted.Render(cellsOut[2])
	}
	cellsOut[3] = st.Meter.Render(cellsOut[3])
	for i := 4; i < len(cellsOut); i++ {
		cellsOut[i] = grade.Render(cellsOut[i])
	}
	return join(cellsOut)
}

// join separates table cells with one space.
func join(cells []string) string {
	n := 0
	for _, s := range cells {
		n += len(s) + 1
	}
	b := make([]byte, 0, n)
	for i, s := range cells {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, s...)
	}
	return string(b)
}
