-- 0003: bookings (Appendix I, Đ8–Đ9), their workflow steps (Đ9–Đ12), and when technicians
-- were trained (Đ6.6, Đ16.1.c). Times are INTEGER unix milliseconds UTC; NULL means "not yet".

CREATE TABLE bookings (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('a', 'b', 'c', 'd')),
    legal_number     TEXT NOT NULL DEFAULT '',
    legal_date       TEXT NOT NULL DEFAULT '',
    legal_issuer     TEXT NOT NULL DEFAULT '',
    host_unit        TEXT NOT NULL REFERENCES units (id),
    room_bp          TEXT NOT NULL REFERENCES bridge_points (id),
    room             TEXT NOT NULL DEFAULT '',
    content          TEXT NOT NULL CHECK (content <> ''),
    chair_name       TEXT NOT NULL DEFAULT '',
    chair_title      TEXT NOT NULL DEFAULT '',
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL,
    tech_name        TEXT NOT NULL DEFAULT '',
    tech_phone       TEXT NOT NULL DEFAULT '',
    need_projector   INTEGER NOT NULL DEFAULT 0 CHECK (need_projector IN (0, 1)),
    need_video       INTEGER NOT NULL DEFAULT 0 CHECK (need_video IN (0, 1)),
    need_speaking    INTEGER NOT NULL DEFAULT 0 CHECK (need_speaking IN (0, 1)),
    need_recording   INTEGER NOT NULL DEFAULT 0 CHECK (need_recording IN (0, 1)),
    dept_opinion     TEXT NOT NULL DEFAULT '',
    form_date        TEXT NOT NULL DEFAULT '',
    head_of_unit     TEXT NOT NULL DEFAULT '',
    emergency        TEXT NOT NULL DEFAULT ''
                     CHECK (emergency IN ('', 'storm', 'flood', 'disaster', 'fire', 'other')),
    emergency_reason TEXT NOT NULL DEFAULT '',
    override_reason  TEXT NOT NULL DEFAULT '',
    filed_at         INTEGER NOT NULL,
    filed_by         TEXT NOT NULL CHECK (filed_by <> ''),
    meeting_id       INTEGER REFERENCES meetings (id),
    CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX bookings_time ON bookings (starts_at, ends_at);

-- The sub bridge points of a booking, in the order of the form.
CREATE TABLE booking_points (
    booking_id    INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    bridge_point  TEXT NOT NULL REFERENCES bridge_points (id),
    attendees     INTEGER NOT NULL DEFAULT 0 CHECK (attendees >= 0),
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (booking_id, bridge_point)
) STRICT;

CREATE INDEX booking_points_bp ON booking_points (bridge_point);

-- One row per workflow step reached: who and when.
CREATE TABLE booking_steps (
    booking_id INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    step       TEXT NOT NULL CHECK (step IN ('confirmed', 'power_notified', 'test_done',
               'final_check_done', 'live', 'closed', 'log_submitted', 'recordings_delivered', 'cancelled')),
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL CHECK (actor <> ''),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (booking_id, step)
) STRICT;

ALTER TABLE technicians ADD COLUMN trained_at INTEGER;
