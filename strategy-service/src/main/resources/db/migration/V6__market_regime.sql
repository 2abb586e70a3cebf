-- The market's current regime per detector, as the latest market.regime.changed says: the
-- promotion gate's regime fit compares a candidate's record in this regime. One row per market
-- (symbol and timeframe) and detector; a change replaces it only when its bar is newer, so an event
-- delivered late never turns the market's regime back.
create table market_regime (
    symbol     text        not null,
    timeframe  text        not null,
    detector   text        not null,
    regime     text        not null,
    -- open time of the bar that confirmed the regime
    bar_time   timestamptz not null,
    -- when regime-service recorded the change
    changed_at timestamptz not null,
    -- the market.regime.changed event it came from
    event_id   uuid        not null,
    primary key (symbol, timeframe, detector)
);
