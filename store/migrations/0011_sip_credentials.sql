-- 0011: what a SIP room system (hardware VCS terminal) is admitted by. The join secret is kept
-- only as a SHA-256 hash, from which no SIP digest can be checked, so each issue of a secret
-- also stores the digest's HA1 = MD5(id ":" realm ":" secret) for the realm "diemcau" (RFC 3261
-- 22.4): it admits a SIP call of that bridge point and nothing else. trust_address = 1 admits
-- calls from the bridge point's registered device_ip without a digest (private networks).
CREATE TABLE sip_credentials (
    bridge_point_id TEXT PRIMARY KEY REFERENCES bridge_points (id) ON DELETE CASCADE,
    ha1_md5         TEXT CHECK (ha1_md5 IS NULL OR length(ha1_md5) = 32),
    trust_address   INTEGER NOT NULL DEFAULT 0 CHECK (trust_address IN (0, 1))
) STRICT;
