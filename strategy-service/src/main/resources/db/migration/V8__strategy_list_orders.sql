-- The strategy list's orders that span every strategy (no cycle or status filter), served by an
-- index instead of sorting the whole table for each page (SortFields in StrategyRepository):
-- the default, newest cycle first and then by rank, and the best score first. Each ends in the
-- list's tiebreaker id, with the null placement the list's order uses.
create index strategy_newest_first on strategy (created_at desc, rank asc nulls last, id);
create index strategy_best_first on strategy (score desc nulls last, id);
