package mcu

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"
)

// actionRow is one RecordAction call seen by the fake journal.
type actionRow struct {
	meetingID                          int64
	at                                 time.Time
	actor, action, bridgePoint, detail string
}

// fakeJournal records calls in memory; it is the project's own interface, not Pion or SQLite.
type fakeJournal struct {
	mu       sync.Mutex
	nextID   int64
	actions  []actionRow
	joins    []string
	leaves   map[int64]string
	requests map[int64]string // request ID → bridge point
	updates  []string         // "id:state:actor"
	fail     bool
}

func newFakeJournal() *fakeJournal {
	return &fakeJournal{leaves: map[int64]string{}, requests: map[int64]string{}}
}

var errJournalDown = errors.New("journal down")

func (j *fakeJournal) id() int64 { j.nextID++; return j.nextID }

func (j *fakeJournal) RecordAction(_ context.Context, meetingID int64, at time.Time, actor, action, bp, detail string) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.fail {
		return 0, errJournalDown
	}
	j.actions = append(j.actions, actionRow{meetingID, at, actor, action, bp, detail})
	return j.id(), nil
}

func (j *fakeJournal) RecordJoin(_ context.Context, _ int64, _ time.Time, bp string) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.joins = append(j.joins, bp)
	return j.id(), nil
}

func (j *fakeJournal) RecordLeave(_ context.Context, sessionID int64, _ time.Time, reason string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.leaves[sessionID] = reason
	return nil
}

func (j *fakeJournal) RecordSpeakRequest(_ context.Context, _ int64, _ time.Time, bp string) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	id := j.id()
	j.requests[id] = bp
	return id, nil
}

func (j *fakeJournal) UpdateSpeakRequest(_ context.Context, id int64, _ time.Time, state, actor string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.updates = append(j.updates, strconv.FormatInt(id, 10)+":"+state+":"+actor)
	return nil
}

// hasAction reports whether an action row for bp exists.
func (j *fakeJournal) hasAction(action, bp, detail string) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, a := range j.actions {
		if a.action == action && a.bridgePoint == bp && (detail == "" || a.detail == detail) {
			return true
		}
	}
	return false
}

func (j *fakeJournal) leaveReasons() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []string
	for _, r := range j.leaves {
		out = append(out, r)
	}
	return out
}

func (j *fakeJournal) setFail(v bool) {
	j.mu.Lock()
	j.fail = v
	j.mu.Unlock()
}

// fakeCredentials knows a fixed set of bridge points and secrets.
type fakeCredentials map[string]string

func (f fakeCredentials) VerifyJoin(_ context.Context, bp, secret string) (known, ok bool, err error) {
	s, known := f[bp]
	return known, known && secret != "" && secret == s, nil
}
