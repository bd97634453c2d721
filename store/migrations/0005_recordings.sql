-- 0005: recordings of meetings (Đ12.2): what the MCU wrote from the speaker video slot and the
-- audio slots, who started and stopped it, and its delivery to the host unit, due 2 working days
-- after the meeting ends. Times are INTEGER unix milliseconds UTC; NULL means "not yet".

CREATE TABLE recordings (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    dir          TEXT NOT NULL CHECK (dir <> ''),
    files        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
    started_at   INTEGER NOT NULL,
    started_by   TEXT NOT NULL CHECK (started_by <> ''),
    stopped_at   INTEGER,
    stopped_by   TEXT NOT NULL DEFAULT '',
    bytes        INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    duration_ms  INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    delivered_at INTEGER,
    delivered_by TEXT NOT NULL DEFAULT '',
    delivered_to TEXT NOT NULL DEFAULT '',
    CHECK (stopped_at IS NULL OR stopped_at >= started_at),
    CHECK ((delivered_at IS NULL) = (delivered_by = ''))
) STRICT;

CREATE INDEX recordings_meeting ON recordings (meeting_id, started_at);
