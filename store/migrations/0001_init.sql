-- 0001: the registry, meetings and the log book (Đ6.5).
-- Times are INTEGER unix milliseconds UTC; NULL means "not yet" (zero time.Time).

CREATE TABLE units (
    id   TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 40),
    name TEXT NOT NULL CHECK (name <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('province', 'agency', 'commune', 'ward'))
) STRICT;

CREATE TABLE bridge_points (
    id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 40),
    name        TEXT NOT NULL CHECK (name <> ''),
    unit_id     TEXT NOT NULL REFERENCES units (id),
    role        TEXT NOT NULL CHECK (role IN ('main', 'sub')),
    room        TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    device_ip   TEXT NOT NULL DEFAULT '',
    secret_hash TEXT CHECK (secret_hash IS NULL OR secret_hash <> '')
) STRICT;

-- At most one main bridge point (điểm cầu chính) in the registry.
CREATE UNIQUE INDEX bridge_points_one_main ON bridge_points (role) WHERE role = 'main';
CREATE INDEX bridge_points_unit ON bridge_points (unit_id);

CREATE TABLE technicians (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL CHECK (name <> ''),
    unit_id TEXT NOT NULL REFERENCES units (id),
    phone   TEXT NOT NULL DEFAULT '',
    email   TEXT NOT NULL DEFAULT '',
    trained INTEGER NOT NULL DEFAULT 0 CHECK (trained IN (0, 1))
) STRICT;

CREATE INDEX technicians_unit ON technicians (unit_id);

CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL CHECK (title <> ''),
    host_unit  TEXT REFERENCES units (id),
    chair      TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'a', 'b', 'c', 'd')),
    main_bp    TEXT REFERENCES bridge_points (id),
    status     TEXT NOT NULL CHECK (status IN ('live', 'closed')),
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    CHECK ((status = 'live') = (ended_at IS NULL)),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;

CREATE INDEX meetings_status ON meetings (status);
CREATE INDEX meetings_started ON meetings (started_at);

CREATE TABLE meeting_participants (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    bridge_point TEXT NOT NULL REFERENCES bridge_points (id),
    PRIMARY KEY (meeting_id, bridge_point)
) STRICT;

CREATE INDEX meeting_participants_bp ON meeting_participants (bridge_point);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    bridge_point TEXT NOT NULL REFERENCES bridge_points (id),
    joined_at    INTEGER NOT NULL,
    left_at      INTEGER,
    leave_reason TEXT NOT NULL DEFAULT '',
    CHECK (left_at IS NULL OR left_at >= joined_at)
) STRICT;

CREATE INDEX sessions_meeting ON sessions (meeting_id, joined_at);
CREATE INDEX sessions_bp ON sessions (bridge_point);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    meeting_id   INTEGER REFERENCES meetings (id),
    actor        TEXT NOT NULL CHECK (actor <> ''),
    action       TEXT NOT NULL CHECK (action <> ''),
    bridge_point TEXT REFERENCES bridge_points (id),
    detail       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_meeting ON audit_log (meeting_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

-- The log book is append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE speak_requests (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    bridge_point TEXT NOT NULL REFERENCES bridge_points (id),
    state        TEXT NOT NULL DEFAULT 'waiting'
                 CHECK (state IN ('waiting', 'forwarded', 'granted', 'done', 'dismissed', 'cancelled')),
    requested_at INTEGER NOT NULL,
    updated_at   INTEGER,
    updated_by   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX speak_requests_meeting ON speak_requests (meeting_id, id);

CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER REFERENCES meetings (id),
    bridge_point TEXT REFERENCES bridge_points (id),
    kind         TEXT NOT NULL CHECK (kind IN ('line', 'audio', 'video', 'power', 'device', 'other')),
    description  TEXT NOT NULL DEFAULT '',
    started_at   INTEGER,
    ended_at     INTEGER,
    action_taken TEXT NOT NULL DEFAULT '',
    reported_by  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('draft', 'open', 'resolved')),
    CHECK (status = 'draft' OR started_at IS NOT NULL),
    CHECK (status <> 'resolved' OR ended_at IS NOT NULL),
    CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
) STRICT;

CREATE INDEX incidents_meeting ON incidents (meeting_id, id);
CREATE INDEX incidents_status ON incidents (status);
