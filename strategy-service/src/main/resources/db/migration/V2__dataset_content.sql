-- Datasets of a million bars: the bars of a dataset are stored as one compressed columnar value
-- (DatasetContent.encode) instead of one row per bar, and checked against dataset.sha256 when
-- loaded. dataset_bar stays for datasets stored before this migration, which are still read from
-- it; nothing writes it any more.
create table dataset_content (
    dataset_id text  primary key references dataset (id),
    encoding   text  not null,
    content    bytea not null
);

-- The true regime labels of synthetic datasets, run-length encoded: run seq covers the bars
-- from_index..to_index (inclusive) and all runs of a dataset cover its bars without gaps.
create table dataset_regime (
    dataset_id text        not null references dataset (id),
    seq        integer     not null check (seq >= 0),
    regime     text        not null,
    from_index integer     not null check (from_index >= 0),
    to_index   integer     not null,
    from_time  timestamptz not null,
    primary key (dataset_id, seq),
    check (to_index >= from_index)
);
