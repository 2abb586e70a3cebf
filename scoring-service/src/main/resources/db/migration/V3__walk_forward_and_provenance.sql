-- The event contracts of walk-forward analysis: a cycle runs several templates and may run a
-- walk-forward analysis per candidate; a result carries more metrics, its folds and trials, a
-- compactly encoded (possibly compounded) return series and the provenance that reproduces it.

-- cycle.started names a list of templates instead of one; existing cycles keep theirs as a list of
-- one, so that they read as before.
alter table scoring_cycle add column templates text[];
update scoring_cycle set templates = array[template] where template is not null;
alter table scoring_cycle drop column template;
alter table scoring_cycle add constraint scoring_cycle_templates_check
    check (templates is null or cardinality(templates) >= 1);
-- the walk-forward settings every candidate of the cycle gets; null without a walk-forward
-- analysis (and until cycle.started is in)
alter table scoring_cycle add column walk_forward jsonb;

-- The metrics BacktestMetrics gained; calmar, avg_win, avg_loss, expectancy, skewness and kurtosis
-- are null where they are undefined for the record (the event says null). Rows recorded before
-- this migration did not receive them: null there, but for calmar, which their columns give.
alter table strategy_result add column max_drawdown_bars integer check (max_drawdown_bars >= 0);
alter table strategy_result add column calmar double precision;
alter table strategy_result add column avg_win double precision;
alter table strategy_result add column avg_loss double precision;
alter table strategy_result add column expectancy double precision;
alter table strategy_result add column skewness double precision;
alter table strategy_result add column kurtosis double precision;
-- calmar is CAGR / max drawdown: derivable for the earlier rows (undefined without a drawdown)
update strategy_result set calmar = cagr / max_drawdown
    where outcome = 'SCORED' and max_drawdown > 0;

-- What the overfitting statistics need of a walk-forward analysis (the deflated Sharpe ratio the
-- number of trials, the probability of backtest overfitting the in- and out-of-sample performance
-- of every fold); all null for a result without one. efficiency may be null with one (the mean
-- in-sample return was not positive).
alter table strategy_result add column fold_count integer check (fold_count >= 1);
alter table strategy_result add column trials integer check (trials >= 1);
alter table strategy_result add column evaluations integer;
alter table strategy_result add column efficiency double precision;
-- the settings and, per fold in order, index, in- and out-of-sample bar windows [from, to), the
-- chosen parameters and the in- and out-of-sample Sharpe ratios
-- (io.backtest.scoring.domain.WalkForwardRecord)
alter table strategy_result add column walk_forward jsonb;
alter table strategy_result add constraint strategy_result_walk_forward_check
    check ((fold_count is null) = (trials is null)
        and (trials is null) = (evaluations is null)
        and (evaluations is null) = (walk_forward is null)
        and (efficiency is null or walk_forward is not null)
        and (evaluations is null or evaluations >= trials)
        and (walk_forward is null or jsonb_array_length(walk_forward -> 'folds') = fold_count));

-- Provenance: the same dataset content, seed and engine version give the same numbers.
alter table strategy_result add column dataset_sha256 text check (dataset_sha256 ~ '^[0-9a-f]{64}$');
alter table strategy_result add column seed bigint;
alter table strategy_result add column engine_version text;

-- Every scored result from now on carries the new metric that is never undefined and its
-- provenance; NOT VALID leaves the rows recorded before this migration alone.
alter table strategy_result add constraint strategy_result_scored_v3_check
    check (outcome <> 'SCORED' or (max_drawdown_bars is not null and dataset_sha256 is not null
        and seed is not null and engine_version is not null)) not valid;

-- A series longer than the event's bound arrives with consecutive bars compounded into points:
-- returns holds the points, bars_per_point how many bars each covers (the last may cover fewer),
-- so statistics of the series annualise with bars_per_year / bars_per_point points a year. The
-- series stored before were per bar.
alter table return_series add column bars_per_point integer not null default 1
    check (bars_per_point >= 1);
