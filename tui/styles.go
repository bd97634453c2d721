package tui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
)

// Styles holds every style of the console, built from one renderer so it renders right over SSH.
type Styles struct {
	Title             lipgloss.Style
	Label             lipgloss.Style
	Value             lipgloss.Style
	Dim               lipgloss.Style
	PanelTitle        lipgloss.Style
	PanelTitleFocused lipgloss.Style
	TableHeader       lipgloss.Style
	Selected          lipgloss.Style
	Grade             [4]lipgloss.Style // good, fair, poor, bad
	StateConnected    lipgloss.Style
	StateDisconnected lipgloss.Style
	StateNever        lipgloss.Style
	MicMuted          lipgloss.Style
	Meter             lipgloss.Style
	StatusOK          lipgloss.Style
	StatusErr         lipgloss.Style
	FormLabel         lipgloss.Style
	FormLabelFocused  lipgloss.Style
	FormError         lipgloss.Style
	Dialog            lipgloss.Style
	Help              help.Styles
	InputPrompt       lipgloss.Style
	InputText         lipgloss.Style
	InputPlaceholder  lipgloss.Style
	InputCursor       lipgloss.Style
	Badge             lipgloss.Style // the technician's role and name in the header
}

// NewStyles builds the console's styles with renderer r.
func NewStyles(r *lipgloss.Renderer) *Styles {
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	s := &Styles{
		Title:             r.NewStyle().Bold(true).Foreground(c("15")),
		Label:             r.NewStyle().Foreground(c("244")),
		Value:             r.NewStyle().Bold(true),
		Dim:               r.NewStyle().Foreground(c("242")),
		PanelTitle:        r.NewStyle().Foreground(c("250")).Background(c("236")).Bold(true),
		PanelTitleFocused: r.NewStyle().Foreground(c("16")).Background(c("39")).Bold(true),
		TableHeader:       r.NewStyle().Foreground(c("244")).Underline(true),
		Selected:          r.NewStyle().Reverse(true).Bold(true),
		Badge:             r.NewStyle().Foreground(c("16")).Background(c("178")).Bold(true),
		StateConnected:    r.NewStyle().Foreground(c("2")),
		StateDisconnected: r.NewStyle().Foreground(c("9")).Bold(true),
		StateNever:        r.NewStyle().Foreground(c("242")),
		MicMuted:          r.NewStyle().Foreground(c("3")),
		Meter:             r.NewStyle().Foreground(c("6")),
		StatusOK:          r.NewStyle().Foreground(c("2")),
		StatusErr:         r.NewStyle().Foreground(c("9")).Bold(true),
		FormLabel:         r.NewStyle().Foreground(c("244")),
		FormLabelFocused:  r.NewStyle().Foreground(c("39")).Bold(true),
		FormError:         r.NewStyle().Foreground(c("9")),
		Dialog: r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c("3")).
			Padding(0, 2),
		InputPrompt:      r.NewStyle().Foreground(c("39")),
		InputText:        r.NewStyle(),
		InputPlaceholder: r.NewStyle().Foreground(c("240")).Italic(true),
		InputCursor:      r.NewStyle().Foreground(c("39")),
	}
	s.Grade = [4]lipgloss.Style{
		r.NewStyle(),
		r.NewStyle().Foreground(c("3")),
		r.NewStyle().Foreground(c("208")),
		r.NewStyle().Foreground(c("9")),
	}
	key := r.NewStyle().Foreground(c("250"))
	desc := r.NewStyle().Foreground(c("244"))
	sep := r.NewStyle().Foreground(c("238"))
	s.Help = help.Styles{
		Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}
	return s
}

// newInput returns a text input with prompt, at most limit characters, the session's styles
// instead of the bubbles defaults, and a steady cursor.
func (s *Styles) newInput(prompt string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.CharLimit = limit
	in.PromptStyle = s.InputPrompt
	in.TextStyle = s.InputText
	in.PlaceholderStyle = s.InputPlaceholder
	in.CompletionStyle = s.InputPlaceholder
	in.Cursor.Style = s.InputCursor
	in.Cursor.TextStyle = s.InputText
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}
