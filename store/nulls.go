package store

import (
	"database/sql"
	"time"
)

// Times are stored as INTEGER unix milliseconds UTC; the zero time is NULL.

// msOrNull encodes t for a column, NULL for the zero time.
func msOrNull(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// timeFromMs decodes a column written by msOrNull, as UTC.
func timeFromMs(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// textOrNull stores "" as NULL, for optional foreign keys.
func textOrNull(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// idOrNull stores 0 as NULL, for optional foreign keys to integer ids.
func idOrNull(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// msOrNow encodes t for a NOT NULL time column; the zero time means now.
func msOrNow(t time.Time) int64 {
	if t.IsZero() {
		return time.Now().UnixMilli()
	}
	return t.UnixMilli()
}
