-- "I don't feel safe" from a child's home page, a child's own request for an advocate with its progress, and the
-- council's emergency duty phone number that children are told to call out of hours.

-- The number a child is given beside 999 and Childline (empty: the council has not given one, so none is shown).
alter table council_settings add column emergency_duty_phone text not null default ''
    check (length(emergency_duty_phone) <= 40);

-- 'child': the child asked for help themselves (the "I don't feel safe" button), not a screen or a model.
alter table alerts drop constraint alerts_source_check;
alter table alerts add constraint alerts_source_check check (source in ('screen', 'model', 'feelings', 'staff', 'child'));

-- A request for an advocate is its own short request now, not only a complaint's answer: it may have no
-- submission, carries the child's few words and how to reach them, and its progress as the advocacy service
-- and the council's participation or complaints staff record it.
alter table advocacy_requests
    alter column submission_id drop not null,
    add column note text not null default '' check (length(note) <= 1000),
    add column contact_by text check (contact_by in ('worker', 'phone', 'email')),
    add column contact_detail text not null default '' check (length(contact_detail) <= 200),
    add column language text not null default 'en',
    add column idempotency_key text,
    add column status text not null default 'sent' check (status in ('sent', 'contacted', 'allocated')),
    add column contacted_at timestamptz,
    add column allocated_at timestamptz,
    add column updated_by bigint references staff;
create unique index advocacy_requests_key on advocacy_requests (child_id, idempotency_key)
    where idempotency_key is not null;
create index advocacy_requests_council on advocacy_requests (council_id, created_at);
