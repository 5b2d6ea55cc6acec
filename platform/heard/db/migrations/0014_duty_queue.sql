-- The duty queue keeps up (issue #19): more kinds of action, and a history nobody can rewrite.
--
-- Every step on an alert (acknowledged, each timed action, each note, closed) is a row of alert_events with who
-- and when. Those rows are append-only: a correction is a new note, never an edit. The one update allowed is the
-- erasure a child may ask for (privacy/_erasure.py), which only takes words away: the new detail must be
-- contained in the old one, and nothing else may change.

alter table alerts drop constraint alerts_action_check;
alter table alerts add constraint alerts_action_check check (action in (
    'spoke_to_child', 'contacted_placement', 'phoned_placement', 'visited_child', 'told_social_worker',
    'strategy_discussion', 'referred_mash', 'referred_police', 'no_further_action'));

create index alert_events_alert on alert_events (alert_id, at);

create function alert_events_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'alert history is append-only: a step cannot be deleted' using errcode = 'check_violation';
    end if;
    if new.alert_id <> old.alert_id or new.staff_id is distinct from old.staff_id or new.kind <> old.kind
       or new.at <> old.at or not (new.detail <@ old.detail) then
        raise exception 'alert history is append-only: a step cannot be changed, add a new note to correct it'
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger alert_events_append_only before update or delete on alert_events
    for each row execute function alert_events_append_only();
