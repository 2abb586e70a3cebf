package io.backtest.scoring.repository;

import io.backtest.engine.selection.TrialHistory;
import io.backtest.scoring.domain.TrialLedgerEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The trial ledger: every trial made on an instrument (symbol and timeframe), one entry per closed
 * cycle. Append-only; there is deliberately no way to delete an entry (see migration V4).
 */
@ApplicationScoped
public class TrialLedgerRepository implements PanacheRepositoryBase<TrialLedgerEntry, UUID> {

  /**
   * Takes the instrument's ledger lock for the rest of the transaction: cycles of one instrument
   * closing at the same time (on any instance) read and extend the ledger one after the other, so
   * the later one counts the earlier one's trials.
   */
  public Uni<Void> lockInstrument(String symbol, String timeframe) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .setParameter("key", "trial-ledger/" + symbol + "/" + timeframe)
                    .getSingleResult())
        .replaceWithVoid();
  }

  /** The trials recorded on the instrument by every other cycle. */
  public Uni<TrialHistory> earlier(String symbol, String timeframe, UUID exceptCycle) {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select coalesce(sum(e.trials), 0L), coalesce(sum(e.sharpes), 0L),"
                            + " coalesce(sum(e.sharpeSum), 0.0),"
                            + " coalesce(sum(e.sharpeSquares), 0.0)"
                            + " from TrialLedgerEntry e where e.symbol = :symbol"
                            + " and e.timeframe = :timeframe and e.cycleId <> :cycle",
                        Object[].class)
                    .setParameter("symbol", symbol)
                    .setParameter("timeframe", timeframe)
                    .setParameter("cycle", exceptCycle)
                    .getSingleResult())
        .map(
            row ->
                new TrialHistory(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).doubleValue(),
                    ((Number) row[3]).doubleValue()));
  }
}
