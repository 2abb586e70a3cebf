-- The service connects as a login role of its own (placeholder audit_writer_role, the datasource's
-- user: AUDIT_DB_USER in production, audit_writer by default) while migrations run as the owner of
-- the tables (the Flyway user). Append-only is then enforced twice by PostgreSQL itself: the role
-- holds no UPDATE, DELETE or TRUNCATE on the log's tables, and the triggers reject those anyway.

-- Roles belong to the cluster, not to the database: the role may exist already (created by an
-- operator with a password, or by this migration in another database). Created here, it has no
-- password; give it one (alter role ... password) where connections are not trusted.
do $$
begin
    if not exists (select from pg_roles where rolname = '${audit_writer_role}') then
        execute format('create role %I login nosuperuser nocreatedb nocreaterole noreplication',
                       '${audit_writer_role}');
    end if;
exception
    -- created concurrently by the migration of another database on the same cluster
    when duplicate_object or unique_violation then null;
end
$$;

do $$
begin
    if '${audit_writer_role}' = current_user then
        raise warning 'the audit service connects as the owner of its tables (%): the log is'
            ' append-only by its triggers alone', current_user;
    elsif (select rolsuper from pg_roles where rolname = '${audit_writer_role}') then
        raise warning 'the audit service connects as superuser %: the log is append-only by its'
            ' triggers alone', '${audit_writer_role}';
    end if;
    execute format('grant connect, temporary on database %I to %I',
                   current_database(), '${audit_writer_role}');
end
$$;

grant usage on schema ${flyway:defaultSchema} to "${audit_writer_role}";

-- The log: read and append, nothing else.
grant select, insert on audit_entry, merkle_node, tree_head to "${audit_writer_role}";

-- The platform's tables: the outbox relay reads, locks (select ... for update) and deletes what it
-- published; consumers record processed events.
grant select, insert, update, delete on outbox, processed_event to "${audit_writer_role}";
grant usage, select on all sequences in schema ${flyway:defaultSchema} to "${audit_writer_role}";

-- Tables and sequences that later migrations of the owner create are usable by the service; those
-- of the log take UPDATE and DELETE back (the partitions of audit_entry: see
-- audit_restrict_log_table).
alter default privileges in schema ${flyway:defaultSchema}
    grant select, insert, update, delete on tables to "${audit_writer_role}";
alter default privileges in schema ${flyway:defaultSchema}
    grant usage, select on sequences to "${audit_writer_role}";

-- Filling in a leaf hash missing since before V2 is the one change the log allows; the service
-- does it through this function, which runs as the owner and can change nothing else.
create function audit_fill_leaf_hash(entry_seq bigint, entry_leaf_hash bytea) returns boolean
    language plpgsql security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    if entry_leaf_hash is null or length(entry_leaf_hash) <> 32 then
        raise exception 'a leaf hash has 32 bytes' using errcode = 'check_violation';
    end if;
    update audit_entry set leaf_hash = entry_leaf_hash
        where seq = entry_seq and leaf_hash is null;
    return found;
end
$$;

revoke execute on function audit_fill_leaf_hash(bigint, bytea) from public;
grant execute on function audit_fill_leaf_hash(bigint, bytea) to "${audit_writer_role}";
