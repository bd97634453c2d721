-- 0010: days the control center adds to or changes in the built-in 2025–2027 holiday calendar
-- (diemcau calendar import), one row per date YYYY-MM-DD; every command and the server read
-- the built-in calendar with these on top. Times are unix milliseconds UTC.
CREATE TABLE calendar_days (
    date       TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind       TEXT NOT NULL CHECK (kind IN ('holiday', 'swap_off', 'swap_work')),
    name       TEXT NOT NULL CHECK (name <> ''),
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL CHECK (updated_by <> '')
) STRICT;
