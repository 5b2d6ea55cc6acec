-- A member of staff who corrects a submission's analysis to a higher safeguarding level raises its alert:
-- such alerts name 'staff' as their source (the screen, the model and a feelings answer are the others).

alter table alerts drop constraint alerts_source_check;
alter table alerts add constraint alerts_source_check check (source in ('screen', 'model', 'feelings', 'staff'));
