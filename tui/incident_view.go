package tui

import (
	"strings"
)

// labelWidth is the width of the widest field label.
func (f *IncidentForm) labelWidth() int {
	w := 0
	for _, k := range fieldLabels {
		w = max(w, cells(f.common.Text(k)))
	}
	return w
}

// View renders the title, one line per field, the errors naming their field, and a hint.
func (f *IncidentForm) View() string {
	c, st := f.common, f.common.Styles
	lw := f.labelWidth()
	title := f.title
	if title == "" {
		title = c.Text(txtFormTitle)
	}
	lines := []string{panelTitle(c, title, f.width, true), ""}
	for field := formField(0); field < fieldCount; field++ {
		label := st.FormLabel
		marker := "  "
		if field == f.focus {
			label, marker = st.FormLabelFocused, "▸ "
		}
		if f.errs[field] != "" {
			label = st.FormError
		}
		var value string
		switch field {
		case fieldKind:
			value = choiceView(c, incidentKinds, f.kind, field == f.focus)
		case fieldStatus:
			value = choiceView(c, incidentStatuses, f.status, field == f.focus)
		default:
			value = f.inputs[field].View()
		}
		line := marker + label.Render(fit(c.Text(fieldLabels[field]), lw, false)) + "  " + value
		lines = append(lines, fit(line, f.width, false))
	}
	lines = append(lines, "")
	for _, msg := range f.Errors() {
		lines = append(lines, st.FormError.Render(fit("  "+msg, f.width, false)))
	}
	if f.saveErr != "" {
		lines = append(lines, st.StatusErr.Render(fit("  "+f.saveErr, f.width, false)))
	}
	lines = append(lines, st.Dim.Render(fit("  "+c.Text(txtFormHint), f.width, false)))
	return padLines(strings.Join(lines, "\n"), f.height)
}

// choiceView shows a cycling field as "‹ label ›" when focused, else the label.
func choiceView(c Common, options []choice, cur int, focused bool) string {
	label := c.Text(options[cur].label)
	if focused {
		return c.Styles.FormLabelFocused.Render("‹ " + label + " ›")
	}
	return label
}
