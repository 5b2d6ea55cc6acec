-- Who a person tells about an accessibility problem: the accessibility statement shows it (the public-sector
-- accessibility regulations ask every statement for a way to report one). Blank until the council sets it.
alter table council_settings add column accessibility_contact text not null default '';
