-- The foundation: tenants, people, allocations, sign-in, submissions, analyses, alerts,
-- complaints, "you said, we did", the audit log and the outbox.

create table councils (
    id bigint generated always as identity primary key,
    slug text not null unique check (slug ~ '^[a-z0-9-]{2,40}$'),
    name text not null,
    advocacy_contact text,
    created_at timestamptz not null default now()
);

create table children (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    reference text not null,                 -- pseudonymous case reference, never a name
    known_as text not null,                  -- what the child likes to be called, for greetings
    birth_month date not null check (extract(day from birth_month) = 1),
    legal_status text not null check (legal_status in ('child_in_care', 'care_leaver')),
    preferred_language text not null default 'en',
    placement_type text not null check (placement_type in (
        'foster', 'kinship', 'residential', 'supported_lodgings', 'semi_independent',
        'independent', 'staying_put', 'placed_with_parents', 'secure', 'other')),
    placed_out_of_area boolean not null default false,
    uasc boolean not null default false,     -- unaccompanied asylum-seeking child
    disability boolean not null default false,
    placement_contact text,                  -- for the duty officer: carer or home, and a phone number
    share_quotes boolean not null default false,
    access_code_lookup text unique,
    access_code_hash text,
    access_code_issued_at timestamptz,
    created_at timestamptz not null default now(),
    archived_at timestamptz,
    unique (council_id, reference)
);

create table staff (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    email text not null unique check (email = lower(email)),
    name text not null,
    roles text[] not null check (roles <@ array[
        'worker', 'iro', 'duty_officer', 'duty_manager', 'head_of_service', 'complaints_officer',
        'participation_officer', 'cicc_member', 'board_member', 'admin']::text[] and cardinality(roles) > 0),
    team text,
    password_hash text not null,
    totp_secret text,
    totp_enabled_at timestamptz,
    created_at timestamptz not null default now(),
    disabled_at timestamptz
);

create table allocations (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    child_id bigint not null references children,
    staff_id bigint not null references staff,
    relation text not null check (relation in ('worker', 'iro')),
    starts_on date not null default current_date,
    ends_on date,
    check (ends_on is null or ends_on >= starts_on)
);
create index allocations_staff on allocations (staff_id, child_id);
create index allocations_child on allocations (child_id);

create table sessions (
    token_hash bytea primary key,
    council_id bigint not null references councils,
    staff_id bigint references staff,
    child_id bigint references children,
    totp_passed boolean not null default false,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    check ((staff_id is null) <> (child_id is null))
);
create index sessions_staff on sessions (staff_id);
create index sessions_child on sessions (child_id);

create table sign_in_attempts (
    id bigint generated always as identity primary key,
    key text not null,                       -- 'account:<id>', 'code:<lookup>' or 'ip:<address>'
    succeeded boolean not null,
    at timestamptz not null default now()
);
create index sign_in_attempts_key on sign_in_attempts (key, at);

create table submissions (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    child_id bigint references children,     -- null for anonymous survey links
    kind text not null check (kind in ('survey', 'statement', 'review', 'complaint', 'feedback')),
    instrument text,
    instrument_version int,
    channel text not null check (channel in ('web', 'api', 'app', 'anonymous_link', 'paper', 'phone')),
    answers jsonb not null default '{}',
    free_text text not null default '' check (char_length(free_text) <= 200000),
    audience text[] not null check (audience <@ array['worker', 'iro', 'complaints', 'council']::text[]
                                    and cardinality(audience) > 0),
    anonymous boolean not null default false,
    language text not null default 'en',
    idempotency_key text not null,
    request_hash bytea not null,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    read_by bigint references staff,
    used_in_review_at timestamptz,
    unique (council_id, idempotency_key)
);
create index submissions_child on submissions (child_id, created_at desc);
create index submissions_council_created on submissions (council_id, created_at);

create table replies (
    id bigint generated always as identity primary key,
    submission_id bigint not null references submissions,
    staff_id bigint not null references staff,
    body text not null check (char_length(body) between 1 and 20000),
    created_at timestamptz not null default now(),
    read_by_child_at timestamptz
);
create index replies_submission on replies (submission_id);

create table analyses (
    submission_id bigint primary key references submissions,
    model_version text not null,
    themes text[] not null,
    sentiment text not null check (sentiment in ('positive', 'negative', 'mixed', 'neutral')),
    safeguarding_level text not null check (safeguarding_level in ('none', 'concern', 'urgent')),
    safeguarding_categories text[] not null,
    triggers text[] not null default '{}',
    redacted text not null,
    language text not null,
    needs_translation boolean not null default false,
    revision int not null default 1,          -- bumped each time the submission is analysed again
    analysed_at timestamptz not null default now()
);

create table analysis_corrections (
    id bigint generated always as identity primary key,
    submission_id bigint not null references submissions,
    staff_id bigint not null references staff,
    themes text[],
    sentiment text check (sentiment in ('positive', 'negative', 'mixed', 'neutral')),
    safeguarding_level text check (safeguarding_level in ('none', 'concern', 'urgent')),
    safeguarding_categories text[],
    created_at timestamptz not null default now()
);

create table alerts (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    submission_id bigint not null unique references submissions,
    child_id bigint references children,
    level text not null check (level in ('concern', 'urgent')),
    categories text[] not null default '{}',
    triggers text[] not null default '{}',
    source text not null check (source in ('screen', 'model', 'feelings')),
    status text not null default 'open' check (status in ('open', 'acknowledged', 'closed')),
    raised_at timestamptz not null default now(),
    acknowledged_at timestamptz,
    acknowledged_by bigint references staff,
    closed_at timestamptz,
    closed_by bigint references staff,
    level_confirmed_by bigint references staff   -- once a person sets the level, the model may not lower it
);
create index alerts_open on alerts (council_id, status, level, raised_at);

create table alert_events (
    id bigint generated always as identity primary key,
    alert_id bigint not null references alerts,
    staff_id bigint references staff,
    kind text not null,
    detail jsonb not null default '{}',
    at timestamptz not null default now()
);

create table complaints (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    child_id bigint references children,
    submission_id bigint unique references submissions,
    complainant text not null check (complainant in ('child', 'parent', 'carer', 'advocate', 'other')),
    received_on date not null,
    stage int not null default 1 check (stage between 1 and 3),
    status text not null default 'open',
    created_at timestamptz not null default now()
);

create table complaint_events (
    id bigint generated always as identity primary key,
    complaint_id bigint not null references complaints,
    staff_id bigint references staff,
    stage int not null check (stage between 1 and 3),
    kind text not null,
    detail jsonb not null default '{}',
    at timestamptz not null default now()
);

create table actions (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    theme text not null,
    said text not null,
    proposal text,
    decision text,
    changed text,
    owner text,
    said_on date not null,
    decided_on date,
    done_on date,
    published_at timestamptz,
    created_at timestamptz not null default now()
);

create table audit_log (
    id bigint generated always as identity primary key,
    council_id bigint references councils,
    at timestamptz not null default now(),
    actor_kind text not null check (actor_kind in ('staff', 'child', 'system', 'anonymous')),
    actor_id bigint,
    action text not null,
    subject_kind text not null,
    subject_id bigint,
    child_id bigint,
    reason text not null default '',
    detail jsonb not null default '{}'
);
create index audit_log_council_at on audit_log (council_id, at desc);
create index audit_log_child on audit_log (child_id, at desc);

create table outbox (
    id bigint generated always as identity primary key,
    job text not null,
    args jsonb not null,
    job_key text not null unique,            -- what makes the work run once: e.g. 'analyse:42'
    created_at timestamptz not null default now(),
    enqueued_at timestamptz,
    attempts int not null default 0,
    completed_at timestamptz,
    last_error text
);
create index outbox_pending on outbox (id) where completed_at is null;
