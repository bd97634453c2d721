-- 0008: a booking's version, bumped by every edit, so that an edit made from a stale copy (two
-- technicians editing at once) is refused instead of overwriting the first; who edited it last
-- and when (unix milliseconds UTC, 0 for never).
ALTER TABLE bookings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bookings ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
