-- Hostile input and access (#16).

-- An Idempotency-Key belongs to whoever sent with it. It was unique per council and the stored body hash left the
-- sender out, so one child sending another's key and body was handed the other's receipt and their own words were
-- not stored, and the same key with another body told them the key had been used. The sender (a child, or the
-- anonymous link a response came through) is now part of the key's scope and of the stored request hash.
alter table submissions add column sender text generated always as (
    case when child_id is not null then 'child:' || child_id
         when opening_id is not null then 'link:' || opening_id
         else 'none' end
) stored;
update submissions set request_hash = sha256(convert_to(sender, 'UTF8') || '\x00'::bytea || request_hash);
alter table submissions drop constraint submissions_council_id_idempotency_key_key;
alter table submissions add constraint submissions_sender_idempotency_key unique (council_id, sender, idempotency_key);

-- Someone is guessing a child's access code: their allocated worker is told, on their inbox page, once per
-- quarter of an hour however many tries there are, so they can issue a new code and ask the child about it.
create table staff_notices (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    staff_id bigint not null references staff,
    child_id bigint references children,
    kind text not null check (kind in ('code_guessed')),
    created_at timestamptz not null default now(),
    seen_at timestamptz
);
create index staff_notices_staff on staff_notices (staff_id, created_at desc);

-- A TOTP code works once: the time step of the last code accepted is kept, and only a later step is accepted
-- (RFC 6238 section 5.2), so a code seen over a shoulder or replayed within its 90 seconds is refused.
alter table staff add column totp_last_step bigint;
