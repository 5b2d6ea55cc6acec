-- Privacy operations and trust: requests children (or staff for them) make about their data, with the
-- council's recorded decision; the erasure marker on a child; and single sign-on handshakes in flight.

-- A request about one child's data: to see it (access), put it right (correction) or remove it (erasure).
-- The decision is recorded whichever way it goes: a council may refuse erasure where it must keep the
-- record (safeguarding, a complaint, statutory retention), and says why.
create table privacy_requests (
    id bigint generated always as identity primary key,
    council_id bigint not null references councils,
    child_id bigint not null references children,
    kind text not null check (kind in ('access', 'correction', 'erasure')),
    made_by text not null check (made_by in ('child', 'staff')),
    made_by_staff bigint references staff,
    message text not null default '' check (char_length(message) <= 4000),
    status text not null default 'open' check (status in ('open', 'approved', 'refused')),
    decided_by bigint references staff,
    decided_at timestamptz,
    decision_reason text not null default '' check (char_length(decision_reason) <= 4000),
    erased jsonb,                            -- for an approved erasure: how many of each kind of record changed
    created_at timestamptz not null default now(),
    check ((status = 'open') = (decided_at is null)),
    check (status <> 'refused' or decision_reason <> '')
);
create index privacy_requests_council on privacy_requests (council_id, status, created_at desc);
create index privacy_requests_child on privacy_requests (child_id);

-- Set when a child's words and identifiers were removed; the row stays so counts and the audit log hold.
alter table children add column erased_at timestamptz;

-- One single sign-on attempt between leaving for the identity provider and coming back: kept against a hash
-- of the state (which the browser also carries in a cookie), used once, and only for a few minutes.
create table sso_handshakes (
    state_hash bytea primary key,
    nonce text not null,
    code_verifier text not null,
    created_at timestamptz not null default now()
);
create index sso_handshakes_created on sso_handshakes (created_at);

-- Retention and audit search read by date.
create index privacy_sign_in_attempts_at on sign_in_attempts (at);
create index privacy_sessions_last_seen on sessions (last_seen_at);
create index privacy_drafts_updated on drafts (updated_at);
create index privacy_audit_log_actor on audit_log (council_id, actor_kind, actor_id, at desc);
create index privacy_audit_log_action on audit_log (council_id, action, at desc);
