-- Capture: children's drafts kept on the server, forms held across an expired session, surveys opened
-- to a cohort (by sign-in or anonymous link), and requests for an advocate.

create table drafts (
    child_id bigint not null references children,
    instrument text not null,
    fields jsonb not null,                   -- the form as typed: field name -> list of strings
    updated_at timestamptz not null default now(),
    primary key (child_id, instrument)
);

-- What a child posted after their session had ended, kept against a random token in a cookie until they
-- sign in again; never tied to an IP address, and kept for a day at most.
create table held_forms (
    token_hash bytea primary key,
    instrument text not null,
    fields jsonb not null,
    created_at timestamptz not null default now()
);
create index held_forms_created on held_forms (created_at);

create table survey_openings (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    instrument text not null,
    access text not null check (access in ('sign_in', 'anonymous_link')),
    token text unique,                       -- the anonymous link's path segment; null for sign-in openings
    age_min int check (age_min between 0 and 30),
    age_max int check (age_max between 0 and 30),
    legal_statuses text[] not null check (legal_statuses <@ array['child_in_care', 'care_leaver']::text[]
                                          and cardinality(legal_statuses) > 0),
    opens_on date not null,
    closes_on date not null,
    closed_at timestamptz,                   -- closed early by an administrator
    created_by bigint references staff,
    created_at timestamptz not null default now(),
    check (closes_on >= opens_on),
    check (age_min is null or age_max is null or age_min <= age_max),
    check ((access = 'anonymous_link') = (token is not null))
);
create index survey_openings_council on survey_openings (council_id, closes_on);

alter table submissions add column opening_id bigint references survey_openings;
create index submissions_opening on submissions (opening_id) where opening_id is not null;
create index submissions_instrument on submissions (council_id, instrument, created_at);

create table advocacy_requests (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    submission_id bigint not null unique references submissions,
    child_id bigint references children,
    contact text,                            -- the council's advocacy contact when the request was made
    created_at timestamptz not null default now(),
    passed_on_at timestamptz                 -- set when the advocacy service has been told
);
create index advocacy_requests_child on advocacy_requests (child_id);
