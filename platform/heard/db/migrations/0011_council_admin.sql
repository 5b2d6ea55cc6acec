-- A council sets itself up: its own settings (the environment only gives a new council its defaults),
-- one-time set-password links for staff, and authenticator recovery codes. (National comparison figures are the
-- Board measures of 0009, which the settings page edits: one store, the one the Board reads.)

create table council_settings (
    council_id bigint primary key references councils,
    logo_text text not null default '',
    emergency_duty_email text not null default '',
    office_hours text not null default 'Mon-Fri 09:00-17:00',
    urgent_ack_minutes integer not null default 15 check (urgent_ack_minutes between 1 and 1440),
    urgent_escalate_minutes integer not null default 60 check (urgent_escalate_minutes between 1 and 1440),
    concern_ack_minutes integer not null default 240 check (concern_ack_minutes between 1 and 1440),
    concern_escalate_minutes integer not null default 1440 check (concern_escalate_minutes between 1 and 1440),
    reply_target_days integer not null default 5 check (reply_target_days between 1 and 60),
    quarter_convention text not null default 'financial' check (quarter_convention in ('financial', 'calendar')),
    -- roles that must pass an authenticator at sign-in (admins always must)
    totp_roles text[] not null default array[
        'worker', 'iro', 'duty_officer', 'duty_manager', 'head_of_service', 'complaints_officer', 'admin']::text[],
    updated_at timestamptz not null default now()
);

create table staff_setup_links (
    token_hash bytea primary key,
    staff_id bigint not null references staff,
    purpose text not null check (purpose in ('set_up', 'reset')),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
);
create index staff_setup_links_staff on staff_setup_links (staff_id);

create table staff_recovery_codes (
    id bigint generated always as identity primary key,
    staff_id bigint not null references staff,
    lookup text not null,                    -- the code's first group, so a try costs one hash check, not ten
    code_hash text not null,
    created_at timestamptz not null default now(),
    used_at timestamptz
);
create index staff_recovery_codes_staff on staff_recovery_codes (staff_id);

-- Single sign-on only: a member of staff who never sets a Heard password.
alter table staff add column sso_only boolean not null default false;
-- When the member of staff last chose their own password (null: never, so it is a hash nobody knows).
alter table staff add column password_set_at timestamptz;

-- Notifications councils already use: GOV.UK Notify (email and text messages, with the council's own template
-- ids) and a Microsoft Teams channel. Neither carries a child's words or name: the level, a reference, a link.
alter table council_settings
    add column notify_email_template_id text not null default '',
    add column notify_sms_template_id text not null default '',
    add column notify_sms_numbers text[] not null default '{}',
    add column teams_webhook_url text not null default '';
alter table notifications drop constraint notifications_channel_check;
alter table notifications add constraint notifications_channel_check
    check (channel in ('email', 'webhook', 'sms', 'teams'));

-- The day a child's care ended (from the council's import). The retention job archives a child on that day,
-- unless they are a care leaver, who keeps Heard until 25 (the age their entitlement to support ends).
alter table children add column left_care_on date;
