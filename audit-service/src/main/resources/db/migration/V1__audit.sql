-- Audit service: append-only, verifiable log of every event: schema owned by this service.

-- One row per event, in arrival order. hash = SHA-256(prev_hash || RFC 8785 canonical JSON of the
-- entry without its hash); see io.backtest.audit.log.LogEntry for the exact members hashed.
create table audit_entry (
    seq              bigint      primary key check (seq >= 1),
    event_id         uuid        not null unique,
    type             text        not null,
    source           text        not null,
    subject          text,
    correlation_id   text,
    causation_id     text,
    event_time       timestamptz,
    ingested_at      timestamptz not null,
    topic            text        not null,
    record_partition integer     not null,
    record_offset    bigint      not null,
    payload          jsonb       not null check (jsonb_typeof(payload) = 'object'),
    summary          text        not null,
    prev_hash        bytea       not null check (length(prev_hash) = 32),
    hash             bytea       not null check (length(hash) = 32)
);

-- The API's filters; each ends in seq, the order of every listing.
create index audit_entry_by_correlation on audit_entry (correlation_id, seq);
create index audit_entry_by_subject on audit_entry (subject, seq);
create index audit_entry_by_type on audit_entry (type, seq);
create index audit_entry_by_event_time on audit_entry (event_time);

-- Append-only in the database itself: no UPDATE, DELETE or TRUNCATE, whoever asks. (Disabling these
-- triggers needs the table's owner or a superuser; verification detects what such a person changes.)
create function audit_entry_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation';
end
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_reject_change();

create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_reject_change();

-- An insert must extend the chain: the next seq, linked to the current head. The service holds an
-- advisory lock while appending; this is the backstop against any other writer.
create function audit_entry_extend_chain() returns trigger language plpgsql as $$
declare
    head audit_entry%rowtype;
begin
    select * into head from audit_entry order by seq desc limit 1;
    if head.seq is null then
        if new.seq <> 1 or new.prev_hash <> decode(repeat('00', 32), 'hex') then
            raise exception 'the first entry must have seq 1 and a zero prev_hash'
                using errcode = 'check_violation';
        end if;
    elsif new.seq <> head.seq + 1 or new.prev_hash <> head.hash then
        raise exception 'entry % does not extend the chain whose head is entry %', new.seq, head.seq
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;

create trigger audit_entry_extends_chain before insert on audit_entry
    for each row execute function audit_entry_extend_chain();
