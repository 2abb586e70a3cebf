package io.backtest.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.events.RankedStrategy;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ranking order: score descending, ties by strategy id in PostgreSQL's uuid order. */
class RankingTest {

  private static ScoreLine line(String id, double score) {
    return new ScoreLine(UUID.fromString(id), score, score / 2, score * 1.5, 0.1);
  }

  @Test
  void higherScoreRanksFirst() {
    ScoreLine low = line("00000000-0000-0000-0000-000000000001", 0.4);
    ScoreLine high = line("00000000-0000-0000-0000-000000000002", 1.3);
    ScoreLine negative = line("00000000-0000-0000-0000-000000000003", -0.2);

    List<RankedStrategy> ranking = Ranking.rank(List.of(low, negative, high));

    assertThat(ranking)
        .extracting(RankedStrategy::rank, RankedStrategy::strategyId, RankedStrategy::score)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, high.strategyId(), 1.3),
            org.assertj.core.groups.Tuple.tuple(2, low.strategyId(), 0.4),
            org.assertj.core.groups.Tuple.tuple(3, negative.strategyId(), -0.2));
    // the metrics travel with their strategy
    assertThat(ranking.getFirst().totalReturn()).isEqualTo(0.65);
    assertThat(ranking.getFirst().sharpe()).isEqualTo(1.3 * 1.5);
    assertThat(ranking.getFirst().maxDrawdown()).isEqualTo(0.1);
  }

  @Test
  void equalScoresAreOrderedByStrategyIdTextLikePostgresql() {
    // UUID.compareTo compares signed longs and would put f… first; byte order puts 0… first
    ScoreLine zero = line("0fffffff-0000-0000-0000-000000000000", 0.9);
    ScoreLine eff = line("f0000000-0000-0000-0000-000000000000", 0.9);
    ScoreLine eight = line("80000000-0000-0000-0000-000000000000", 0.9);
    assertThat(eff.strategyId().compareTo(zero.strategyId())).isNegative();

    assertThat(Ranking.rank(List.of(eff, eight, zero)))
        .extracting(RankedStrategy::strategyId)
        .containsExactly(zero.strategyId(), eight.strategyId(), eff.strategyId());
  }

  @Test
  void rankingIsTheSameWhateverTheInputOrder() {
    ScoreLine a = line("11111111-1111-1111-1111-111111111111", 0.5);
    ScoreLine b = line("22222222-2222-2222-2222-222222222222", 0.5);
    ScoreLine c = line("33333333-3333-3333-3333-333333333333", 0.7);

    assertThat(Ranking.rank(List.of(a, b, c))).isEqualTo(Ranking.rank(List.of(c, b, a)));
    assertThat(Ranking.rank(List.of(b, c, a)))
        .extracting(RankedStrategy::rank, RankedStrategy::strategyId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, c.strategyId()),
            org.assertj.core.groups.Tuple.tuple(2, a.strategyId()),
            org.assertj.core.groups.Tuple.tuple(3, b.strategyId()));
  }

  @Test
  void noResultsGiveAnEmptyRanking() {
    assertThat(Ranking.rank(List.of())).isEmpty();
  }
}
