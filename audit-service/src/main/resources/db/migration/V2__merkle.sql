-- The audit log as an RFC 9162 Merkle tree: a leaf hash per entry, the hashes of the complete
-- perfect subtrees, and the signed tree heads. The hash chain of V1 stays (prev_hash, hash): the
-- leaf is the same canonical JSON that the chain hashes, so both can be checked from the entries.

-- leaf_hash = SHA-256(0x00 || RFC 8785 canonical JSON of the entry without its hash); see
-- io.backtest.audit.log.LogEntry for the members. Null only for entries written before this
-- migration, until the service fills it in at start-up (before it appends anything).
alter table audit_entry
    add column leaf_hash bytea check (leaf_hash is null or length(leaf_hash) = 32);

-- Entries still waiting for their leaf hash: found at once however long the log.
create index audit_entry_without_leaf_hash on audit_entry (seq) where leaf_hash is null;

-- Still append-only, with one exception: a missing leaf hash may be filled in once, changing
-- nothing else of the row.
create or replace function audit_entry_reject_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.leaf_hash is null and new.leaf_hash is not null
            and (to_jsonb(new) - 'leaf_hash') = (to_jsonb(old) - 'leaf_hash') then
        return new;
    end if;
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation';
end
$$;

-- A new entry comes with its leaf hash.
create function audit_entry_require_leaf_hash() returns trigger language plpgsql as $$
begin
    if new.leaf_hash is null then
        raise exception 'entry % has no leaf hash', new.seq using errcode = 'not_null_violation';
    end if;
    return new;
end
$$;

create trigger audit_entry_has_leaf_hash before insert on audit_entry
    for each row execute function audit_entry_require_leaf_hash();

-- Append-only tables of the tree: no UPDATE, DELETE or TRUNCATE.
create function merkle_reject_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end
$$;

-- The complete perfect subtrees (level >= 1): node (level, idx) covers the leaves
-- idx * 2^level .. (idx + 1) * 2^level - 1 and never changes once complete. Written in the
-- transaction of the entry that completes it.
create table merkle_node (
    level smallint not null check (level between 1 and 62),
    idx   bigint   not null check (idx >= 0),
    hash  bytea    not null check (length(hash) = 32),
    primary key (level, idx)
);

create trigger merkle_node_append_only before update or delete on merkle_node
    for each row execute function merkle_reject_change();

create trigger merkle_node_no_truncate before truncate on merkle_node
    for each statement execute function merkle_reject_change();

-- The signed tree heads, one per tree size at most. The signature is Ed25519 over the 84 bytes of
-- io.backtest.audit.merkle.TreeHead (label, tree_size, root_hash, signed_at in ms, key_id).
create table tree_head (
    tree_size bigint      primary key check (tree_size >= 1),
    root_hash bytea       not null check (length(root_hash) = 32),
    signed_at timestamptz not null,
    key_id    text        not null check (key_id ~ '^[0-9a-f]{16}$'),
    signature bytea       not null
);

create trigger tree_head_append_only before update or delete on tree_head
    for each row execute function merkle_reject_change();

create trigger tree_head_no_truncate before truncate on tree_head
    for each statement execute function merkle_reject_change();
