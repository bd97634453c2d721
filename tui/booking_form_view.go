package tui

import (
	"strings"
)

// labelWidth is the width of the widest field label.
func (f *BookingFormView) labelWidth() int { return widest(f.common, bkLabels[:]...) }

// widest is the width of the widest of the texts keys in the session's language.
func widest(c Common, keys ...textKey) int {
	w := 0
	for _, k := range keys {
		w = max(w, cells(c.Text(k)))
	}
	return w
}

// View renders the title, the fields with their errors under them (scrolled so that the
// focused field is in sight), then the Desk's other refusal and the hint, always shown.
func (f *BookingFormView) View() string {
	c, st := f.common, f.common.Styles
	title := c.Text(txtBfTitleNew)
	if f.editID != 0 {
		title = c.Text(txtBfTitleEdit, f.editID)
	}
	var body []string
	focusAt, focusEnd := 0, 0
	lw := f.labelWidth()
	for field := range bkFieldCount {
		if !f.shown(field) {
			continue
		}
		if field == bkOverride {
			body = append(body, st.StatusErr.Render(fit("  "+c.Text(f.overrideHead), f.width, false)))
			for _, cf := range f.conflicts {
				for _, l := range f.wrap("- "+cf, 4) {
					body = append(body, st.FormError.Render(l))
				}
			}
		}
		label, marker := st.FormLabel, "  "
		if field == f.focus {
			label, marker = st.FormLabelFocused, "▸ "
			focusAt = len(body)
		}
		if len(f.errs[field]) > 0 {
			label = st.FormError
		}
		value := ""
		if options, ok := bkChoices[field]; ok {
			value = choiceView(c, options, f.picks[field], field == f.focus)
		} else {
			value = f.inputs[field].View()
		}
		body = append(body, fit(marker+label.Render(fit(c.Text(bkLabels[field]), lw, false))+"  "+value, f.width, false))
		if field == bkPoints {
			under := pointsSummary(c, f.inputs[bkPoints].Value())
			if field == f.focus {
				under = strings.TrimPrefix(under+" · "+c.Text(txtBfPointsOpen), " · ")
			}
			if under != "" {
				body = append(body, st.Dim.Render(fit(strings.Repeat(" ", lw+4)+under, f.width, false)))
			}
		}
		for _, e := range f.errs[field] {
			for _, l := range f.wrap("⚠ "+e, 4) {
				body = append(body, st.FormError.Render(l))
			}
		}
		if field == f.focus {
			focusEnd = len(body) - 1
		}
	}
	var foot []string
	if f.saveErr != "" {
		for _, l := range f.wrap(f.saveErr, 2) {
			foot = append(foot, st.StatusErr.Render(l))
		}
	}
	hint := txtBfHint
	if len(f.conflicts) > 0 {
		hint = txtBfOverrideHint
	}
	foot = append(foot, st.Dim.Render(fit("  "+c.Text(hint), f.width, false)))
	foot = foot[max(0, len(foot)-f.height/2):] // a long refusal never hides the form
	avail := max(1, f.height-1-len(foot))
	f.offset = scrolledWindow(focusAt, focusEnd, f.offset, len(body), avail)
	end := min(len(body), f.offset+avail)
	lines := append([]string{panelTitle(c, title, f.width, true)}, body[f.offset:end]...)
	lines = padBlock(lines, 1+avail)
	return padLines(strings.Join(append(lines, foot...), "\n"), f.height)
}

// scrolledWindow keeps the lines from at to end (a field and its errors) in a window of shown
// lines starting at offset, the first of them when they do not all fit; it returns the offset.
func scrolledWindow(at, end, offset, count, shown int) int {
	_, offset = scrolled(max(at, end), offset, count, shown)
	_, offset = scrolled(at, offset, count, shown)
	return offset
}

// wrap breaks text into lines of the form's width, each indented by indent cells.
func (f *BookingFormView) wrap(text string, indent int) []string {
	width := max(10, f.width-indent)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		block := f.common.Renderer.NewStyle().Width(width).Render(para)
		for _, l := range strings.Split(block, "\n") {
			out = append(out, fit(strings.Repeat(" ", indent)+strings.TrimRight(l, " "), f.width, false))
		}
	}
	return out
}
