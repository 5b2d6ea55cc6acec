-- A conversation per statement: the child writes back to the staff who read it, each side sees when the other
-- read what they wrote, and a care leaver who gave a phone number or email is told (never what) when a reply
-- arrives.

-- What the child writes after their statement. Staff replies stay in `replies` (the reply-time measures count
-- them); the thread is the two tables in time order.
create table child_messages (
    id bigint generated always as identity primary key,
    submission_id bigint not null references submissions,
    child_id bigint not null references children,
    body text not null check (char_length(body) between 1 and 20000),
    created_at timestamptz not null default now(),
    read_by_staff_at timestamptz,
    read_by bigint references staff
);
create index child_messages_submission on child_messages (submission_id, id);
create index child_messages_unread on child_messages (submission_id) where read_by_staff_at is null;
create index replies_unread_by_child on replies (submission_id) where read_by_child_at is null;

-- Where a care leaver asked to be told that a new message is waiting: the message itself is never sent.
alter table children
    add column nudge_email text check (nudge_email is null or nudge_email ~ '^[^@\s]+@[^@\s]+$'),
    add column nudge_phone text check (nudge_phone is null or nudge_phone ~ '^\+?[0-9 ]{10,16}$');

-- A council's GOV.UK Notify templates for that nudge (a fixed sentence and a link, no other fields).
alter table council_settings
    add column nudge_email_template_id text not null default '',
    add column nudge_sms_template_id text not null default '';
