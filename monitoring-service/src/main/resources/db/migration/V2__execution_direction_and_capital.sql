-- ExecutionSettings gained direction and capital, BacktestMetrics seven metrics; the JSON is read
-- back into those records, which require every property (FAIL_ON_MISSING_CREATOR_PROPERTIES).
-- Deployments recorded before carry the earlier JSON. Keys already present win (||: right wins).

-- Every backtest then was long-only; capital gets the platform's default starting capital (the
-- engine's ExecutionModel.DEFAULT_CAPITAL), which none of the ratios depends on.
update deployment
    set execution = '{"direction": "long-only", "capital": 10000}'::jsonb || execution
    where execution is not null and not (execution ? 'direction' and execution ? 'capital');

-- The baseline: calmar is CAGR / max drawdown (undefined, null, without a drawdown); the others
-- were not measured and are null, except maxDrawdownBars, which the record cannot hold as null:
-- 0 there means "not measured", not "no drawdown".
update deployment
    set baseline = jsonb_build_object(
            'maxDrawdownBars', 0,
            'calmar', case when (baseline ->> 'maxDrawdown')::float8 > 0
                then to_jsonb((baseline ->> 'cagr')::float8 / (baseline ->> 'maxDrawdown')::float8)
                else 'null'::jsonb end,
            'avgWin', null, 'avgLoss', null, 'expectancy', null,
            'skewness', null, 'kurtosis', null)
        || baseline
    where baseline is not null and not (baseline ? 'maxDrawdownBars');
