-- Strategy parameters encrypted at rest, last step: every value was encrypted by 7.1, so the
-- plaintext goes, and the live set's duplicate rule compares fingerprints instead of the JSON.

drop index strategy_live_unique;
alter table strategy drop column parameters;
alter table strategy
    alter column parameters_enc set not null,
    alter column parameters_key_id set not null,
    alter column parameters_fingerprint set not null;

-- The duplicate rule of the promotion gate as a constraint: one live strategy per template,
-- dataset and parameters. Equal parameter sets have equal canonical JSON (ParametersJson), hence
-- equal fingerprints; the ciphertexts differ (random IVs), so they cannot be compared.
create unique index strategy_live_unique on strategy (template, dataset_id, parameters_fingerprint)
    where status = 'LIVE';

-- A rotation finds the rows under an older key, and operators count the rows per key.
create index strategy_by_parameters_key on strategy (parameters_key_id);

alter table backtest_run drop column walk_forward;
alter table backtest_run
    add constraint backtest_run_walk_forward_key
        check ((walk_forward_enc is null) = (walk_forward_key_id is null));
create index backtest_run_by_walk_forward_key on backtest_run (walk_forward_key_id)
    where walk_forward_key_id is not null;
