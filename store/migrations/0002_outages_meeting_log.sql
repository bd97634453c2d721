-- 0002: outages (interruption time, Đ11) and the meeting log of Appendix II (Đ12.3).
-- Times are INTEGER unix milliseconds UTC; NULL means "not yet".

-- One interruption of a bridge point's link: dropped, or no media. Its incident draft may be
-- discarded; the interruption itself stays on record.
CREATE TABLE outages (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    bridge_point TEXT NOT NULL REFERENCES bridge_points (id),
    cause        TEXT NOT NULL CHECK (cause IN ('disconnected', 'no_media')),
    started_at   INTEGER NOT NULL,
    ended_at     INTEGER,
    incident_id  INTEGER REFERENCES incidents (id) ON DELETE SET NULL,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;

CREATE INDEX outages_meeting ON outages (meeting_id, bridge_point);

-- One row of the Appendix II log per bridge point, written when the meeting is closed.
CREATE TABLE meeting_log_entries (
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id),
    bridge_point    TEXT NOT NULL REFERENCES bridge_points (id),
    position        INTEGER NOT NULL,
    main            INTEGER NOT NULL CHECK (main IN (0, 1)),
    name            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('normal', 'incident')),
    incident_text   TEXT NOT NULL DEFAULT '',
    camera          TEXT NOT NULL CHECK (camera IN ('normal', 'damaged')),
    codec           TEXT NOT NULL CHECK (codec IN ('normal', 'damaged')),
    microphone      TEXT NOT NULL CHECK (microphone IN ('normal', 'damaged')),
    cables          TEXT NOT NULL CHECK (cables IN ('normal', 'damaged')),
    other           TEXT NOT NULL CHECK (other IN ('normal', 'damaged')),
    other_note      TEXT NOT NULL DEFAULT '',
    interruption_ms INTEGER NOT NULL DEFAULT 0 CHECK (interruption_ms >= 0),
    confirmed_by    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, bridge_point)
) STRICT;
