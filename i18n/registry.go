package i18n

import (
	"slices"
	"strings"
	"sync"
)

// Entry is one key of a catalogue with its texts, for checking.
type Entry struct {
	Key string
	Text
}

// Registered is what the registry knows of a catalogue, whatever its key type.
type Registered interface {
	Name() string
	Entries() []Entry
	Twice() []string
}

var (
	registryMu sync.Mutex
	registry   []Registered
)

func register(c Registered) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry = append(registry, c)
}

// All is every catalogue registered in this process (every package linked in), by name.
func All() []Registered {
	registryMu.Lock()
	defer registryMu.Unlock()
	out := slices.Clone(registry)
	slices.SortStableFunc(out, func(a, b Registered) int { return strings.Compare(a.Name(), b.Name()) })
	return out
}
