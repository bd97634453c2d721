-- 0007: who was in the room — each bridge point's attendees in a meeting, confirmed at the roll
-- call by the site itself (over the control channel) or by a technician who counted them. The
-- last confirmation counts; every one is also in the audit log. Times are INTEGER unix ms UTC.

CREATE TABLE attendance (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    bridge_point TEXT NOT NULL REFERENCES bridge_points (id),
    attendees    INTEGER NOT NULL CHECK (attendees BETWEEN 0 AND 10000),
    by_site      INTEGER NOT NULL CHECK (by_site IN (0, 1)),
    actor        TEXT NOT NULL CHECK (actor <> ''),
    at           INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, bridge_point)
) STRICT;
