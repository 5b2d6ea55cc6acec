-- Words the safeguarding screen could not read (a language it has no lexicon for) wait here for a person.
-- One row per submission: when it came in, the language detected, the time it must be read by, and the
-- translation a member of staff recorded (who, when), which the screen then read. The higher of the original
-- and the translated reading stands; the alert itself lives in `alerts`.
create table readings (
    id bigserial primary key,
    council_id bigint not null references councils,
    submission_id bigint not null unique references submissions,
    child_id bigint references children,
    language text not null,
    created_at timestamptz not null default now(),
    due_at timestamptz not null,
    translation text,
    translated_by bigint references staff,
    translated_at timestamptz,
    original_level text not null default 'none' check (original_level in ('none', 'concern', 'urgent')),
    translated_level text check (translated_level in ('none', 'concern', 'urgent')),
    categories text[] not null default '{}',
    check ((translation is null) = (translated_at is null))
);
create index readings_waiting on readings (council_id, due_at) where translated_at is null;
