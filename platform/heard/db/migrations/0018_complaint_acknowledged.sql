-- Acknowledging a complaint (or a request for stage 2 or 3) is a step of its own: the day the complainant was told
-- it was received, and how. Recorded per stage, since each stage's request is acknowledged.

alter table complaint_stages
    add column acknowledged_on date,
    add column acknowledged_note text not null default '';
