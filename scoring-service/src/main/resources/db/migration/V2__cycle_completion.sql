-- cycle.completed: the promotion gate's decision on a cycle, recorded once and never changed, so
-- that a leaderboard's "promoted" says what that cycle decided (and a finished leaderboard can be
-- cached), whatever happens to the strategies later.

-- COMPLETED follows SCORED or TIMED_OUT; a cycle.completed for a cycle scoring never saw creates
-- its row directly in COMPLETED, without a cycle.scored of its own.
alter table scoring_cycle drop constraint scoring_cycle_status_check;
alter table scoring_cycle add constraint scoring_cycle_status_check
    check (status in ('SCORING', 'SCORED', 'TIMED_OUT', 'COMPLETED'));
alter table scoring_cycle drop constraint scoring_cycle_check;
alter table scoring_cycle add constraint scoring_cycle_scored_event_check
    check (status = 'COMPLETED' or (status = 'SCORING') = (scored_event_id is null));

alter table scoring_cycle add column completed_event_id uuid unique;
-- the decision's time (cycle.completed's completedAt)
alter table scoring_cycle add column completed_at timestamptz;
alter table scoring_cycle add constraint scoring_cycle_completed_check
    check ((status = 'COMPLETED') = (completed_event_id is not null and completed_at is not null));

-- The strategies a cycle's decision promoted, and the live ones it demoted to make room.
create table cycle_decision (
    cycle_id          uuid             not null references scoring_cycle (cycle_id),
    decision          text             not null check (decision in ('PROMOTED', 'DEMOTED')),
    strategy_id       uuid             not null,
    primary key (cycle_id, decision, strategy_id)
);

-- strategy_standing is the current live standing (strategy.promoted / strategy.demoted), shown on
-- scorecards as "live"; it no longer feeds the leaderboard.
alter table strategy_standing rename column promoted to live;
