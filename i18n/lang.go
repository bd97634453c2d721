// Package i18n is the one catalogue mechanism of diemcau: every message a person reads is kept
// in a Catalog with its Vietnamese and its English text, looked up in the user's language, and
// every catalogue of the process is registered so that one test checks them all (both languages
// present, the same fmt verbs in the same order, no key defined twice). It is a leaf: it imports
// no project package, and every package may import it.
package i18n

import "strings"

// The two languages of the program. Vietnamese is the default.
const (
	VI = "vi"
	EN = "en"
)

// Lang is the language a catalogue shows for lang: English for exactly "en" (what --lang en
// gives), Vietnamese for anything else, "" included.
func Lang(lang string) string {
	if lang == EN {
		return EN
	}
	return VI
}

// Tag is the language for a loosely written tag, as a browser or a service file may give it:
// English for "en", "EN", "en-US", "en_GB" (spaces trimmed), Vietnamese for anything else.
func Tag(tag string) string {
	l := strings.ToLower(strings.TrimSpace(tag))
	if l == EN || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_") {
		return EN
	}
	return VI
}
