-- Complaints under the Children Act 1989 representations procedure: how a complaint came in,
-- the late-complaint decision, advocacy, complaint points with an outcome per stage, each stage's
-- request and response letters, every clock with the dates it was worked out from, the Ombudsman,
-- and learning actions.

alter table complaints
    add column channel text not null default 'heard'
        check (channel in ('heard', 'phone', 'letter', 'email', 'in_person')),
    add column summary text not null default '' check (char_length(summary) <= 5000),
    add column events_on date,                       -- when the events complained about happened
    add column late_decision text check (late_decision in ('consider', 'not_consider')),
    add column late_reason text,
    add column late_decided_on date,
    add column tags text[] not null default '{}',    -- the officer's themes
    add column advocacy_offered_on date,             -- section 26A offer
    add column advocacy_answer text check (advocacy_answer in ('accepted', 'declined', 'not_sure')),
    add column closed_on date,
    add column closed_note text,
    add column ombudsman_signposted_on date,
    add column ombudsman_referred_on date,
    add column ombudsman_reference text,
    add column ombudsman_outcome text check (ombudsman_outcome in (
        'pending', 'upheld', 'partly_upheld', 'not_upheld', 'not_investigated')),
    add column ombudsman_decided_on date,
    add constraint complaints_status check (status in ('open', 'closed', 'withdrawn', 'not_considered'));
create index complaints_council_open on complaints (council_id, status, stage);
create index complaints_council_received on complaints (council_id, received_on);
create index complaints_child on complaints (child_id);
create index complaint_events_complaint on complaint_events (complaint_id, at);

create table complaint_points (
    id bigint generated always as identity primary key,
    complaint_id bigint not null references complaints,
    position int not null check (position >= 1),
    summary text not null check (char_length(summary) between 1 and 2000),
    created_at timestamptz not null default now(),
    unique (complaint_id, position)
);

create table complaint_outcomes (
    point_id bigint not null references complaint_points,
    stage int not null check (stage between 1 and 3),
    outcome text not null check (outcome in ('upheld', 'partly_upheld', 'not_upheld')),
    reason text not null default '',
    decided_on date not null,
    primary key (point_id, stage)
);

create table complaint_stages (
    complaint_id bigint not null references complaints,
    stage int not null check (stage between 1 and 3),
    requested_on date not null,                      -- stage 1: the day the complaint was received
    at_complainant_request boolean not null default false,  -- stage 2 before a stage 1 response
    request_note text not null default '',
    panel_on date,                                   -- stage 3 only
    panel_report_on date,                            -- stage 3 only
    responded_on date,
    letter text,
    child_letter text,
    primary key (complaint_id, stage)
);

-- Each statutory time limit, with the dates and day counts it was worked out from, so any due
-- date can be explained and reports can tell on-time, extended and late apart.
create table complaint_clocks (
    id bigint generated always as identity primary key,
    complaint_id bigint not null references complaints,
    stage int not null check (stage between 1 and 3),
    kind text not null check (kind in (
        'stage1_response', 'stage2_investigation', 'stage3_panel', 'stage3_panel_report', 'stage3_response')),
    starts_on date not null,
    start_label text not null,
    base_days int not null check (base_days > 0),
    max_days int not null,
    working_days int not null,
    base_due_on date not null,
    due_on date not null,
    extension_reason text,
    extended_on date,
    met_on date,
    ended_on date,                                   -- stopped without being met: escalated or closed early
    check (working_days between base_days and max_days),
    unique (complaint_id, kind)
);

create table complaint_actions (
    id bigint generated always as identity primary key,
    complaint_id bigint not null references complaints,
    description text not null check (char_length(description) between 1 and 2000),
    owner text not null check (char_length(owner) between 1 and 200),
    due_on date not null,
    status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
    evidence text not null default '',
    completed_on date,
    created_on date not null,
    check (status <> 'done' or (completed_on is not null and evidence <> ''))
);
create index complaint_actions_complaint on complaint_actions (complaint_id);
