-- Safeguarding alerts: targets and escalation clocks stored as due times, actions, and notifications
-- sent once per alert and recipient.

alter table alerts
    add column route text not null default 'duty' check (route in ('duty', 'emergency_duty_team')),
    add column due_at timestamptz,                       -- acknowledge by (the level's first target)
    add column escalation_level int not null default 0 check (escalation_level between 0 and 2),
    add column next_escalation_at timestamptz,           -- null once acknowledged or fully escalated
    add column action text check (action in ('spoke_to_child', 'contacted_placement', 'referred_mash',
                                             'referred_police', 'no_further_action')),
    add column action_note text,
    add column action_by bigint references staff,
    add column action_at timestamptz;
create index alerts_escalation_due on alerts (next_escalation_at) where status = 'open';

create table notifications (
    id bigint generated always as identity primary key,
    alert_id bigint not null references alerts,
    channel text not null check (channel in ('email', 'webhook')),
    recipient text not null,
    reason text not null check (reason in ('raised', 'raised_urgent', 'escalated_1', 'escalated_2')),
    created_at timestamptz not null default now(),
    sent_at timestamptz,
    attempts int not null default 0,
    unique (alert_id, channel, recipient, reason)
);

create table notification_attempts (
    id bigint generated always as identity primary key,
    notification_id bigint not null references notifications,
    at timestamptz not null default now(),
    ok boolean not null,
    detail text not null default ''
);
create index notification_attempts_notification on notification_attempts (notification_id);
