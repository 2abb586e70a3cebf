package io.backtest.scoring.domain;

import io.backtest.contracts.events.RankedStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a cycle's scored results: score descending, ties broken by strategy id ascending so
 * that the same results always give the same ranking.
 *
 * <p>Strategy ids compare by their canonical (lower-case hex) text, which is also PostgreSQL's
 * {@code uuid} order (byte order), so the ranking published in {@code cycle.scored} and the
 * leaderboard the database pages through agree. {@link java.util.UUID#compareTo} would not: it
 * compares signed halves, putting {@code f…} before {@code 0…}.
 */
public final class Ranking {

  /** Best first. */
  public static final Comparator<ScoreLine> ORDER =
      Comparator.comparingDouble(ScoreLine::score)
          .reversed()
          .thenComparing(line -> line.strategyId().toString());

  private Ranking() {}

  /** The lines in {@link #ORDER}, ranked 1, 2, … */
  public static List<RankedStrategy> rank(Collection<ScoreLine> lines) {
    List<ScoreLine> ordered = new ArrayList<>(lines);
    ordered.sort(ORDER);
    List<RankedStrategy> ranking = new ArrayList<>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      ScoreLine line = ordered.get(i);
      ranking.add(
          new RankedStrategy(
              i + 1,
              line.strategyId(),
              line.score(),
              line.totalReturn(),
              line.sharpe(),
              line.maxDrawdown()));
    }
    return ranking;
  }
}
