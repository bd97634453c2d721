package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// incidentKinds and incidentStatuses are the values an Incident may take.
var (
	incidentKinds    = map[string]bool{"line": true, "audio": true, "video": true, "power": true, "device": true, "other": true}
	incidentStatuses = map[string]bool{"draft": true, "open": true, "resolved": true}
)

// validateIncident checks what the schema also enforces, with a clearer message.
func validateIncident(in Incident) error {
	switch {
	case !incidentKinds[in.Kind]:
		return fmt.Errorf("unknown incident kind %q", in.Kind)
	case !incidentStatuses[in.Status]:
		return fmt.Errorf("unknown incident status %q", in.Status)
	case in.Status != "draft" && in.StartedAt.IsZero():
		return errors.New("an open or resolved incident needs a start time")
	case in.Status == "resolved" && in.EndedAt.IsZero():
		return errors.New("a resolved incident needs an end time")
	case !in.EndedAt.IsZero() && !in.StartedAt.IsZero() && in.EndedAt.Before(in.StartedAt):
		return errors.New("an incident cannot end before it starts")
	}
	return nil
}

// SaveIncident inserts the incident when its ID is 0, otherwise updates it (ErrNotFound when
// there is no such incident), and returns its id. It validates Kind and Status.
func (s *Store) SaveIncident(ctx context.Context, in Incident) (int64, error) {
	return writeIncident(ctx, s.db, in)
}

// execer is what writeIncident needs of a *sql.DB or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// writeIncident is SaveIncident on ex, alone or inside a transaction.
func writeIncident(ctx context.Context, ex execer, in Incident) (int64, error) {
	if err := validateIncident(in); err != nil {
		return 0, fmt.Errorf("save incident: %w", err)
	}
	args := []any{idOrNull(in.MeetingID), textOrNull(in.BridgePoint), in.Kind, in.Description,
		msOrNull(in.StartedAt), msOrNull(in.EndedAt), in.ActionTaken, in.ReportedBy, in.Status}
	if in.ID == 0 {
		res, err := ex.ExecContext(ctx, `
			INSERT INTO incidents (meeting_id, bridge_point, kind, description, started_at, ended_at,
				action_taken, reported_by, status)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return 0, fmt.Errorf("save incident: %w", err)
		}
		return lastID(res, "save incident")
	}
	res, err := ex.ExecContext(ctx, `
		UPDATE incidents SET meeting_id = ?, bridge_point = ?, kind = ?, description = ?, started_at = ?,
			ended_at = ?, action_taken = ?, reported_by = ?, status = ?
		WHERE id = ?`, append(args, in.ID)...)
	if err != nil {
		return 0, fmt.Errorf("save incident %d: %w", in.ID, err)
	}
	if err := affectedOne(res, fmt.Sprintf("save incident %d", in.ID)); err != nil {
		return 0, err
	}
	return in.ID, nil
}

const incidentColumns = `id, coalesce(meeting_id, 0), coalesce(bridge_point, ''), kind, description,
	started_at, ended_at, action_taken, reported_by, status`

func scanIncident(sc interface{ Scan(...any) error }) (Incident, error) {
	var (
		in             Incident
		started, ended sql.NullInt64
	)
	err := sc.Scan(&in.ID, &in.MeetingID, &in.BridgePoint, &in.Kind, &in.Description, &started, &ended,
		&in.ActionTaken, &in.ReportedBy, &in.Status)
	in.StartedAt, in.EndedAt = timeFromMs(started), timeFromMs(ended)
	return in, err
}

// Incident returns one incident, or an error wrapping ErrNotFound.
func (s *Store) Incident(ctx context.Context, id int64) (Incident, error) {
	in, err := scanIncident(s.db.QueryRowContext(ctx, `SELECT `+incidentColumns+` FROM incidents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Incident{}, fmt.Errorf("incident %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Incident{}, fmt.Errorf("incident %d: %w", id, err)
	}
	return in, nil
}

// Incidents returns the incidents of a meeting in the order they were recorded; meetingID 0 returns all.
func (s *Store) Incidents(ctx context.Context, meetingID int64) ([]Incident, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+incidentColumns+`
		FROM incidents WHERE ?1 = 0 OR meeting_id = ?1 ORDER BY id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("read incidents of meeting %d: %w", meetingID, err)
	}
	defer rows.Close()
	var out []Incident
	for rows.Next() {
		in, err := scanIncident(rows)
		if err != nil {
			return nil, fmt.Errorf("read incidents of meeting %d: %w", meetingID, err)
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read incidents of meeting %d: %w", meetingID, err)
	}
	return out, nil
}
