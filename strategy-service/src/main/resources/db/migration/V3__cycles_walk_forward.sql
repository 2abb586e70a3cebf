-- Cycles over several templates, with a generation method, an optional walk-forward analysis and
-- the full execution model; backtest runs keep what reproduces and explains their result.

-- The templates of a cycle, a JSON array in request order (was one template per cycle).
alter table cycle add column templates text;
update cycle set templates = json_build_array(template)::text;
alter table cycle alter column templates set not null;
alter table cycle drop column template;

-- How the candidates were picked from each template's grid: 'random' (seeded) or 'grid'.
alter table cycle add column generation text not null default 'random'
    check (generation in ('random', 'grid'));
-- The contract's WalkForwardSettings as JSON; null for one backtest over the whole dataset.
alter table cycle add column walk_forward text;
-- The rest of the execution model (V1 stored fill, fees, slippage and position fraction).
alter table cycle add column direction text not null default 'long-only'
    check (direction in ('long-only', 'long-short'));
alter table cycle add column capital double precision not null default 10000 check (capital > 0);

-- What reproduces a result (dataset digest, seed, engine version) and what explains it (the
-- walk-forward folds as the contract's WalkForwardSummary JSON, the trials behind the choice).
alter table backtest_run add column seed bigint;
alter table backtest_run add column dataset_sha256 char(64);
alter table backtest_run add column engine_version text;
alter table backtest_run add column walk_forward text;
alter table backtest_run add column trials integer check (trials >= 1);
