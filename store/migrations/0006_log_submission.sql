-- 0006: a meeting's Appendix II log is submitted after the close (Đ12.3). Until then its
-- incidents may still be confirmed, discarded or resolved, audited. Unix milliseconds UTC;
-- NULL means "not yet submitted".
ALTER TABLE meetings ADD COLUMN log_submitted_at INTEGER;
