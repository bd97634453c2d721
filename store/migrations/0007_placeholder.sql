-- 0007: a placeholder so that this branch's 0008 applies; the branch that adds the real 0007
-- replaces this file at merge.
SELECT 1;
