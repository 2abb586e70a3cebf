-- The log partitioned by month of ingested_at (UTC), so that a month older than the retention
-- period can be exported with its proofs, detached and dropped (README.md, "Retention and
-- archiving") without rewriting the rest. Partitions are named audit_entry_yYYYYmMM; a DEFAULT
-- partition takes any row no monthly partition covers, so an append never fails for lack of one.
--
-- PostgreSQL requires the partition key in every unique constraint of a partitioned table: seq and
-- event_id are kept unique across the whole log by audit_event_id, one small row per entry, filled
-- by a trigger in the entry's transaction and never dropped with a partition (a redelivered event
-- stays recognised after its month is archived).

-- The V2 table steps aside; its rows move below, then it goes.
drop index audit_entry_by_correlation, audit_entry_by_subject, audit_entry_by_type,
    audit_entry_by_event_time, audit_entry_without_leaf_hash;
alter table audit_entry rename to audit_entry_v2;
alter table audit_entry_v2 rename constraint audit_entry_pkey to audit_entry_v2_pkey;
alter table audit_entry_v2 rename constraint audit_entry_event_id_key to audit_entry_v2_event_id_key;

create table audit_entry (
    seq              bigint      not null check (seq >= 1),
    event_id         uuid        not null,
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
    hash             bytea       not null check (length(hash) = 32),
    leaf_hash        bytea       check (leaf_hash is null or length(leaf_hash) = 32),
    primary key (seq, ingested_at)
) partition by range (ingested_at);

-- The API's filters; each ends in seq, the order of every listing.
create index audit_entry_by_correlation on audit_entry (correlation_id, seq);
create index audit_entry_by_subject on audit_entry (subject, seq);
create index audit_entry_by_type on audit_entry (type, seq);
create index audit_entry_by_event_time on audit_entry (event_time);
create index audit_entry_without_leaf_hash on audit_entry (seq) where leaf_hash is null;

create table audit_entry_default partition of audit_entry default;

-- Every entry's id and position, unique over the whole log whatever its partitions.
create table audit_event_id (
    event_id uuid   primary key,
    seq      bigint not null unique check (seq >= 1)
);

create trigger audit_event_id_append_only before update or delete on audit_event_id
    for each row execute function merkle_reject_change();

create trigger audit_event_id_no_truncate before truncate on audit_event_id
    for each statement execute function merkle_reject_change();

-- What the service's role may do on a table of the log: read and append. Default privileges
-- (V3) would also give it UPDATE and DELETE on a new partition; taken back from every grantee.
create function audit_restrict_log_table(log_table regclass) returns void
    language plpgsql
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    grantee text;
begin
    execute format('revoke update, delete, truncate, references, trigger on %s from public',
                   log_table);
    for grantee in
        select distinct quote_ident(r.rolname)
        from pg_class c, aclexplode(c.relacl) a, pg_roles r
        where c.oid = log_table and a.grantee = r.oid and a.grantee <> c.relowner
    loop
        execute format('revoke update, delete, truncate, references, trigger on %s from %s',
                       log_table, grantee);
    end loop;
end
$$;

-- The monthly partition holding month_start (any day of the month, UTC), with what a partition
-- needs beyond what it inherits (row triggers and indexes are cloned from audit_entry; a TRUNCATE
-- trigger is not). Rows of that month waiting in the DEFAULT partition move into it. Returns
-- whether it was created. Owner only; the service calls audit_ensure_partitions.
create function audit_create_partition(month_start date) returns boolean
    language plpgsql
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    first_day date := date_trunc('month', month_start)::date;
    name text := format('audit_entry_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
    lower_bound timestamptz := (first_day::text || ' 00:00:00+00')::timestamptz;
    upper_bound timestamptz := ((first_day + interval '1 month')::date::text || ' 00:00:00+00')::timestamptz;
begin
    if to_regclass(name) is not null then
        return false;
    end if;
    if exists (select from audit_entry_default
               where ingested_at >= lower_bound and ingested_at < upper_bound) then
        -- A partition cannot be created over rows of the DEFAULT partition: they move into a new
        -- table (no triggers yet), leave the DEFAULT partition (its append-only triggers
        -- disabled for that one statement, by the owner, in this transaction), and the table is
        -- attached. The caller holds the append lock, so no entry arrives meanwhile.
        execute format('create table %I (like audit_entry including defaults including constraints)',
                       name);
        execute format('insert into %I select * from audit_entry_default'
                       ' where ingested_at >= %L and ingested_at < %L', name, lower_bound, upper_bound);
        alter table audit_entry_default disable trigger user;
        delete from audit_entry_default
            where ingested_at >= lower_bound and ingested_at < upper_bound;
        alter table audit_entry_default enable trigger user;
        execute format('alter table audit_entry attach partition %I for values from (%L) to (%L)',
                       name, lower_bound, upper_bound);
    else
        execute format('create table %I partition of audit_entry for values from (%L) to (%L)',
                       name, lower_bound, upper_bound);
    end if;
    execute format('create trigger audit_entry_no_truncate before truncate on %I'
                   ' for each statement execute function audit_entry_reject_change()', name);
    perform audit_restrict_log_table(name::regclass);
    return true;
end
$$;

revoke execute on function audit_create_partition(date) from public;
revoke execute on function audit_restrict_log_table(regclass) from public;

-- The partitions of the current month and the next months_ahead months (UTC), created when
-- missing; returns how many were created. The service calls it at start-up and daily, as its own
-- role: it runs as the owner, under the append lock (the same key as AuditEntryRepository's).
create function audit_ensure_partitions(months_ahead integer) returns integer
    language plpgsql security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    this_month date := date_trunc('month', now() at time zone 'UTC')::date;
    created integer := 0;
    missing boolean := false;
begin
    if months_ahead is null or months_ahead < 0 or months_ahead > 120 then
        raise exception 'months_ahead must be between 0 and 120' using errcode = 'invalid_parameter_value';
    end if;
    for i in 0 .. months_ahead loop
        missing := missing or to_regclass(format('audit_entry_y%s',
            to_char(this_month + make_interval(months => i), 'YYYY"m"MM'))) is null;
    end loop;
    if not missing then
        return 0;
    end if;
    -- 0x6175646974, "audit" in ASCII: AuditEntryRepository.APPEND_LOCK_KEY
    perform pg_advisory_xact_lock(418581342580);
    for i in 0 .. months_ahead loop
        if audit_create_partition((this_month + make_interval(months => i))::date) then
            created := created + 1;
        end if;
    end loop;
    return created;
end
$$;

revoke execute on function audit_ensure_partitions(integer) from public;
grant execute on function audit_ensure_partitions(integer) to "${audit_writer_role}";

-- The first and last seq stored in the partition of a month (any day of it), for its export before
-- it is archived (README.md, "Retention and archiving"). Null when the month has no partition or
-- no entries. Owner only.
create function audit_partition_range(month date, out first_seq bigint, out last_seq bigint)
    language plpgsql
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    name text := format('audit_entry_y%s', to_char(month, 'YYYY"m"MM'));
begin
    if to_regclass(name) is null then
        return;
    end if;
    execute format('select min(seq), max(seq) from %I', name) into first_seq, last_seq;
end
$$;

revoke execute on function audit_partition_range(date) from public;

-- The months of the existing entries and the next months, then the entries themselves, in order,
-- before the triggers exist (the rows are the V2 log as it was, leaf hashes possibly still null).
select audit_create_partition(month::date)
from (select distinct date_trunc('month', ingested_at at time zone 'UTC') as month
      from audit_entry_v2) months
order by month;
select audit_create_partition((date_trunc('month', now() at time zone 'UTC') + make_interval(months => i))::date)
from generate_series(0, 3) i;

insert into audit_entry select * from audit_entry_v2 order by seq;
insert into audit_event_id (event_id, seq) select event_id, seq from audit_entry_v2;
drop table audit_entry_v2;

-- The triggers of V1 and V2, on the partitioned table: row triggers are cloned onto every
-- partition, present and future; TRUNCATE triggers are per table (audit_create_partition adds one
-- to each partition).
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_reject_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_reject_change();
create trigger audit_entry_no_truncate before truncate on audit_entry_default
    for each statement execute function audit_entry_reject_change();
create trigger audit_entry_extends_chain before insert on audit_entry
    for each row execute function audit_entry_extend_chain();
create trigger audit_entry_has_leaf_hash before insert on audit_entry
    for each row execute function audit_entry_require_leaf_hash();

-- Every entry's id and seq recorded in the entry's transaction: a duplicate id or seq fails it.
create function audit_entry_record_id() returns trigger language plpgsql as $$
begin
    insert into audit_event_id (event_id, seq) values (new.event_id, new.seq);
    return null;
end
$$;

create trigger audit_entry_records_id after insert on audit_entry
    for each row execute function audit_entry_record_id();

grant select, insert on audit_entry, audit_event_id to "${audit_writer_role}";
select audit_restrict_log_table(c.oid::regclass)
from pg_class c where c.relname in ('audit_entry', 'audit_event_id', 'audit_entry_default');
select audit_restrict_log_table(inhrelid::regclass) from pg_inherits
where inhparent = 'audit_entry'::regclass;
