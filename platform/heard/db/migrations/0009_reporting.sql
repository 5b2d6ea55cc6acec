-- Reporting: the Board measures a council sets (goal, target, national figure). How it numbers its quarters is
-- one of its settings (council_settings.quarter_convention, 0011).

-- One row per council and Board measure; the council settings page edits these.
create table board_measures (
    council_id bigint not null references councils,
    measure text not null check (measure ~ '^[a-z][a-z0-9_:]{0,62}$'),
    goal text not null default '' check (length(goal) <= 500),
    target_percent numeric(5, 1) check (target_percent between 0 and 100),
    amber_within numeric(5, 1) not null default 5 check (amber_within between 0 and 100),
    national_percent numeric(5, 1) check (national_percent between 0 and 100),
    national_source text not null default '' check (length(national_source) <= 300),
    national_year text not null default '' check (length(national_year) <= 20),
    updated_at timestamptz not null default now(),
    primary key (council_id, measure)
);

-- The national figures already recorded move into the new table.
insert into board_measures (council_id, measure, national_percent, national_source)
select council_id, measure, national_percent, source from dash_settings where measure ~ '^[a-z][a-z0-9_:]{0,62}$'
on conflict do nothing;

-- "You said, we did" reaches the children whose words were counted in the theme an update answers.
create table action_recipients (
    action_id bigint not null references actions on delete cascade,
    child_id bigint not null references children,
    told_at timestamptz not null default now(),
    primary key (action_id, child_id)
);
create index action_recipients_child on action_recipients (child_id);
