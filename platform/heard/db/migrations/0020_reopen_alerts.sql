-- A closed alert reopens when the child writes a new worry in the statement's thread (or a translation or a
-- person's correction reads more than the alert was closed on): the duty team is told as for a new alert.
--
-- `alerts.reopened` counts the times; each notification belongs to one of those rounds, so the second reopening
-- (and its escalations) notifies again instead of meeting the first round's row in the unique key.

alter table alerts add column reopened int not null default 0;

alter table notifications add column round int not null default 0;
alter table notifications drop constraint notifications_alert_id_channel_recipient_reason_key;
alter table notifications add constraint notifications_once_per_round unique (alert_id, round, channel, recipient, reason);
alter table notifications drop constraint notifications_reason_check;
alter table notifications add constraint notifications_reason_check
    check (reason in ('raised', 'raised_urgent', 'reopened', 'escalated_1', 'escalated_2'));
