-- 0009: user-defined groups of bridge points ("the communes of the old Đak Đoa district"), by
-- a short id, with their members in order. The built-in groups (every commune and ward, …)
-- follow the registry's unit kinds and are not stored. Times are unix milliseconds UTC.
CREATE TABLE site_groups (
    id         TEXT PRIMARY KEY CHECK (id <> ''),
    name       TEXT NOT NULL CHECK (name <> ''),
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL CHECK (updated_by <> '')
) STRICT;

CREATE TABLE site_group_members (
    group_id     TEXT NOT NULL REFERENCES site_groups (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    bridge_point TEXT NOT NULL REFERENCES bridge_points (id),
    PRIMARY KEY (group_id, bridge_point)
) STRICT;
