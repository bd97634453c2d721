-- 0004: test sessions (Đ10.2.b): one result per bridge point each time the control center
-- saves its checklist, with who and when, and the items measured by the MCU or ticked by the
-- technician. Times are INTEGER unix milliseconds UTC. The latest result of a bridge point in
-- a meeting counts; an earlier failure stays on record.

CREATE TABLE test_results (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    booking_id   INTEGER REFERENCES bookings (id),
    bridge_point TEXT NOT NULL REFERENCES bridge_points (id),
    tested_at    INTEGER NOT NULL,
    tested_by    TEXT NOT NULL CHECK (tested_by <> ''),
    passed       INTEGER NOT NULL CHECK (passed IN (0, 1))
) STRICT;

CREATE INDEX test_results_meeting ON test_results (meeting_id, bridge_point, id);
CREATE INDEX test_results_booking ON test_results (booking_id, bridge_point, id);

-- The checklist of a result, in checklist order.
CREATE TABLE test_result_items (
    result_id INTEGER NOT NULL REFERENCES test_results (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    item      TEXT NOT NULL CHECK (item <> ''),
    measured  INTEGER NOT NULL CHECK (measured IN (0, 1)),
    passed    INTEGER NOT NULL CHECK (passed IN (0, 1)),
    figure    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (result_id, position)
) STRICT;
