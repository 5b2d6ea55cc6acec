-- Dashboards: rollups the worker keeps current (pages never scan submissions), emerging topics,
-- quote approvals, per-council comparison figures, and "you said, we did" in children's languages.

-- One row per council, quarter, measure, category and cohort group: the whole population ('*', '*')
-- and each single-attribute group ('age', '12-15'), ('placement', 'foster'), ..., including 'unknown'
-- (anonymous respondents, ages outside the bands), so every group's members add up to the whole.
-- A child belongs to one group per attribute per quarter: attributes as now, age at the quarter's end.
create table dash_facts (
    council_id bigint not null references councils,
    quarter date not null,                   -- first day of the calendar quarter (UK time)
    measure text not null,                   -- 'theme:placement', 'statements', 'feel_safe', 'clock:stage1_response', ...
    category text not null,                  -- 'negative', '2025-04', 'yes', ...; '*' for the measure's total
    attr text not null,                      -- '*', 'age', 'legal', 'placement', 'area', 'uasc', 'disability', 'over21'
    value text not null,                     -- '*' with attr '*'; else the group's value or 'unknown'
    n int not null,                          -- what is shown: statements, children answering, alerts, clocks
    people int not null,                     -- distinct children behind `n`, for suppression
    minutes bigint not null default 0,       -- summed response minutes where the measure has them
    hidden boolean not null default false,   -- set by dashboards.suppression over the whole cube at refresh
    primary key (council_id, measure, quarter, category, attr, value)
);

-- Statements by the allocated worker's team: response-time bands and those with no reply yet.
create table dash_team_facts (
    council_id bigint not null references councils,
    quarter date not null,
    measure text not null,                   -- 'response' or 'unanswered'
    category text not null,                  -- a response-time band, or '*'
    team text not null,                      -- '*' for every team together; 'unknown' with no allocated worker
    n int not null,
    people int not null,
    minutes bigint not null default 0,
    hidden boolean not null default false,
    primary key (council_id, quarter, measure, category, team)
);

create table dash_refreshes (
    council_id bigint not null references councils,
    quarter date not null,
    refreshed_at timestamptz not null default now(),
    seconds real not null default 0,
    primary key (council_id, quarter)
);

-- Emerging topics found by nlp.topics over one quarter's redacted texts against the quarter before.
create table dash_topics (
    council_id bigint not null references councils,
    quarter date not null,
    position int not null,
    label text not null,
    terms text[] not null default '{}',
    n int not null,                          -- texts in the topic this quarter
    previous int,                            -- texts in the topic the quarter before, when known
    found_at timestamptz not null default now(),
    primary key (council_id, quarter, position)
);

-- A participation officer's decision on one redacted text; only approved ones are ever quoted.
create table quote_approvals (
    submission_id bigint primary key references submissions,
    council_id bigint not null references councils,
    decision text not null check (decision in ('approved', 'rejected')),
    text text not null,                      -- the redacted text as approved, never the child's own words
    decided_by bigint not null references staff,
    decided_at timestamptz not null default now()
);
create index dash_quote_approvals_council on quote_approvals (council_id, decision);

-- Comparison figures a council sets: a national (or statistical-neighbour) figure per measure.
create table dash_settings (
    council_id bigint not null references councils,
    measure text not null,                   -- 'feel_safe', 'trusted_adult', 'views_in_review', ...
    national_percent numeric(5, 1) check (national_percent between 0 and 100),
    source text not null default '',
    updated_at timestamptz not null default now(),
    primary key (council_id, measure)
);

alter table actions
    add column proposed_on date,
    add column status text not null default 'said'
        check (status in ('said', 'proposed', 'decided', 'done', 'not_taken_forward')),
    add constraint actions_said_text check (char_length(said) between 1 and 2000);
create index dash_actions_council on actions (council_id, theme, said_on);
create index dash_actions_published on actions (council_id, published_at) where published_at is not null;

-- What children read: "you said" and "we did" in plain words, one row per language.
create table action_texts (
    action_id bigint not null references actions,
    lang text not null check (lang ~ '^[a-z]{2,3}$'),
    you_said text not null check (char_length(you_said) between 1 and 1000),
    we_did text not null check (char_length(we_did) between 1 and 2000),
    updated_at timestamptz not null default now(),
    primary key (action_id, lang)
);

-- Covering indexes for the refresh: it reads one council's quarter at a time.
create index dash_analyses_analysed_at on analyses (analysed_at);
create index dash_analysis_corrections_submission on analysis_corrections (submission_id, id desc);
create index dash_replies_submission_created on replies (submission_id, created_at);
create index dash_alerts_council_raised on alerts (council_id, raised_at);
