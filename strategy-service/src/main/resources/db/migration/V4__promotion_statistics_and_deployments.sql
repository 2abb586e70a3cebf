-- The promotion gate decides on scoring's statistics (the engine's PromotionPolicy); operators can
-- promote, demote and roll back the live set; the cap on the live set is held by the database
-- itself, whatever the Java code does; and every change of the live set is kept, in order.

-- What scoring computed for a ranked candidate: the contract's CandidateStatistics as JSON
-- (EventJson), as backtest_run.metrics holds BacktestMetrics. Set with score and rank.
alter table strategy add column statistics text;

-- Weights of the composite score requested for a cycle: the contract's ScoringWeights as JSON; null
-- for scoring's defaults.
alter table cycle add column scoring text;

-- ---------------------------------------------------------------------------------------------
-- Deployment history: one row per change of the live set, in the order they happened. Written in
-- the transaction that changes strategy.status and adds the change's event (event_id) to the
-- outbox, so that there is no row without the change and its event, and no change without both.
-- cycle_id is the cycle whose promotion decision made the change; null for an operator's (manual
-- promotion or demotion, rollback). Every writer holds the live-set lock (an advisory lock, see
-- StrategyRepository.lockLiveSet), so seq is also the order of the commits.
create table deployment (
    seq         bigint      generated always as identity primary key,
    strategy_id uuid        not null references strategy (id),
    action      text        not null check (action in ('PROMOTED', 'DEMOTED')),
    cycle_id    uuid        references cycle (id),
    reason      text        not null,
    at          timestamptz not null,
    -- the strategy.promoted / strategy.demoted event; null only for the rows seeded below
    event_id    uuid        unique
);

create index deployment_by_strategy on deployment (strategy_id, seq);
create index deployment_by_cycle on deployment (cycle_id, seq);

-- Append-only: history is corrected by appending, never by rewriting.
create function deployment_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the deployment history is append-only: % refused', tg_op
        using errcode = 'integrity_constraint_violation';
end
$$;

create trigger deployment_no_update_or_delete before update or delete on deployment
    for each row execute function deployment_append_only();
create trigger deployment_no_truncate before truncate on deployment
    for each statement execute function deployment_append_only();

-- The changes made before this migration, rebuilt from the strategies' promotion and demotion
-- times (no event ids: those events were published without a history). Promotions were only ever
-- decided by the promoted candidate's own cycle; which cycle demoted a strategy was not stored.
-- At equal times a demotion comes first: it made room for the promotion.
insert into deployment (strategy_id, action, cycle_id, reason, at)
select id, action, cycle_id, reason, at
from (select id, 'PROMOTED' as action, cycle_id,
             'promoted before the deployment history was kept' as reason, promoted_at as at,
             1 as ord
      from strategy
      where promoted_at is not null
      union all
      select id, 'DEMOTED', null, 'demoted before the deployment history was kept', demoted_at, 0
      from strategy
      where promoted_at is not null and demoted_at is not null) past
order by at, ord, id;

-- The history's last seq right after a cycle's promotion decision: the live set it left is the
-- history replayed up to there (what a rollback to the cycle restores). Null while undecided.
alter table cycle add column deployment_seq bigint check (deployment_seq >= 0);
update cycle c
set deployment_seq = coalesce((select max(d.seq) from deployment d where d.at <= c.completed_at), 0)
where c.completed_at is not null;

-- ---------------------------------------------------------------------------------------------
-- The cap on the live set, held by PostgreSQL: one row counts the LIVE strategies (kept by the
-- trigger below on every insert, update of status and delete) and a check constraint keeps the
-- count within the cap. A transaction that would make one live strategy too many fails with a
-- check violation of live_limit_cap, whatever the code that runs it.
--
-- cap is the configured cap (strategy.promotion.cap, written at every start-up). When a start-up
-- lowers it below the live count, the strategies stay live: over_cap holds how many are above the
-- cap, and every demotion lowers it (never below 0), so promotions fail until the live count is
-- below the new cap.
create table live_limit (
    id       boolean primary key default true check (id),
    cap      integer not null check (cap >= 1),
    over_cap integer not null default 0 check (over_cap >= 0),
    live     integer not null check (live >= 0),
    constraint live_limit_cap check (live <= cap + over_cap)
);

insert into live_limit (cap, over_cap, live)
select 35, greatest(0, count(*) - 35), count(*) from strategy where status = 'LIVE';

create function strategy_count_live() returns trigger language plpgsql as $$
declare
    was_live boolean := false;
    is_live  boolean := false;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        was_live := old.status = 'LIVE';
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        is_live := new.status = 'LIVE';
    end if;
    -- one row, so concurrent changes of the live set queue on its row lock, and each sees the
    -- count the one before it committed
    if is_live and not was_live then
        update live_limit set live = live + 1;
    elsif was_live and not is_live then
        update live_limit set live = live - 1, over_cap = greatest(0, least(over_cap, live - 1 - cap));
    end if;
    return null;
end
$$;

create trigger strategy_count_live after insert or delete or update of status on strategy
    for each row execute function strategy_count_live();
