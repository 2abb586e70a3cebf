-- A watch trades the bars that arrive after its promotion, whatever their time: a live feed's bars
-- are newer than the promotion anyway, and a replay of history (market replay) publishes bars whose
-- time is long past. start_seq is the arrival sequence of the last bar stored when the promotion
-- was recorded; the warm-up is taken from the bars up to it.
alter table deployment add column start_seq bigint;
