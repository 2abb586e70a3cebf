package io.backtest.regime.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.regime.TwoPassVolatility;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReturnMomentsTest {

  /** Inserts {@code close} at {@code time} into a time-ordered model and the moments. */
  private static ReturnMoments insert(
      TreeMap<Integer, Double> bars, ReturnMoments m, int time, double close) {
    Map.Entry<Integer, Double> before = bars.lowerEntry(time);
    Map.Entry<Integer, Double> after = bars.higherEntry(time);
    bars.put(time, close);
    return m.withInserted(
        before == null ? null : before.getValue(), close, after == null ? null : after.getValue());
  }

  private static ReturnMoments remove(TreeMap<Integer, Double> bars, ReturnMoments m, int time) {
    Map.Entry<Integer, Double> before = bars.lowerEntry(time);
    Map.Entry<Integer, Double> after = bars.higherEntry(time);
    double close = bars.remove(time);
    return m.withRemoved(
        before == null ? null : before.getValue(), close, after == null ? null : after.getValue());
  }

  private static double[] closes(TreeMap<Integer, Double> bars) {
    return bars.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void handWorkedExampleOfFourDailyCloses() {
    // closes 100, 105, 102, 108: log returns 0.048790164, -0.028987537, 0.057158414;
    // sample sd 0.047505304 (Python statistics.stdev), × √252 = 0.754123315
    TreeMap<Integer, Double> bars = new TreeMap<>();
    ReturnMoments m = ReturnMoments.EMPTY;
    double[] closes = {100, 105, 102, 108};
    for (int i = 0; i < closes.length; i++) {
      m = insert(bars, m, i, closes[i]);
    }
    assertThat(m.count()).isEqualTo(3);
    assertThat(m.sampleStandardDeviation().getAsDouble())
        .isCloseTo(0.04750530357464404, within(1e-15));
    assertThat(m.annualisedVolatility(252).getAsDouble())
        .isCloseTo(0.7541233152908151, within(1e-14));
  }

  @Test
  void outOfOrderInsertionGivesTheSameVolatilityAsInOrder() {
    TreeMap<Integer, Double> bars = new TreeMap<>();
    ReturnMoments m = ReturnMoments.EMPTY;
    m = insert(bars, m, 0, 100);
    m = insert(bars, m, 3, 108);
    m = insert(bars, m, 1, 105);
    m = insert(bars, m, 2, 102);
    assertThat(m.count()).isEqualTo(3);
    assertThat(m.annualisedVolatility(252).getAsDouble())
        .isCloseTo(0.7541233152908151, within(1e-14));
  }

  @Test
  void fewerThanTwoReturnsHaveNoVolatility() {
    TreeMap<Integer, Double> bars = new TreeMap<>();
    ReturnMoments m = insert(bars, ReturnMoments.EMPTY, 0, 100);
    assertThat(m.annualisedVolatility(252)).isEmpty();
    m = insert(bars, m, 1, 101);
    assertThat(m.count()).isEqualTo(1);
    assertThat(m.annualisedVolatility(252)).isEmpty();
  }

  @Test
  void constantPricesHaveZeroVolatility() {
    TreeMap<Integer, Double> bars = new TreeMap<>();
    ReturnMoments m = ReturnMoments.EMPTY;
    for (int i = 0; i < 10; i++) {
      m = insert(bars, m, i, 42.5);
    }
    assertThat(m.annualisedVolatility(8760).getAsDouble()).isZero();
  }

  @Test
  void emptyingTheWindowLeavesNoResidue() {
    TreeMap<Integer, Double> bars = new TreeMap<>();
    ReturnMoments m = ReturnMoments.EMPTY;
    m = insert(bars, m, 0, 100.1);
    m = insert(bars, m, 1, 97.3);
    m = insert(bars, m, 2, 103.9);
    m = remove(bars, m, 1);
    m = remove(bars, m, 0);
    m = remove(bars, m, 2);
    assertThat(m).isEqualTo(ReturnMoments.EMPTY);
  }

  @Test
  void randomInsertionsRemovalsAndEvictionsMatchTheDirectComputation() {
    Random random = new Random(20260105L);
    TreeMap<Integer, Double> bars = new TreeMap<>();
    ReturnMoments m = ReturnMoments.EMPTY;
    for (int step = 0; step < 20_000; step++) {
      int op = random.nextInt(10);
      if (bars.size() < 3 || op < 6) {
        int time = random.nextInt(2_000);
        if (!bars.containsKey(time)) {
          // a geometric random walk around 100 with 2 % moves
          double close = 100 * Math.exp(0.02 * random.nextGaussian() * Math.sqrt(time % 50 + 1));
          m = insert(bars, m, time, close);
        }
      } else if (op < 8) {
        m = remove(bars, m, bars.firstKey()); // eviction of the oldest
      } else {
        List<Integer> times = new ArrayList<>(bars.keySet());
        m = remove(bars, m, times.get(random.nextInt(times.size())));
      }
      assertThat(m.count()).isEqualTo(Math.max(0, bars.size() - 1));
      if (bars.size() >= 3) {
        double expected = TwoPassVolatility.of(closes(bars), 252);
        assertThat(m.annualisedVolatility(252).getAsDouble())
            .as("step %d with %d bars", step, bars.size())
            .isCloseTo(expected, within(1e-9 * expected + 1e-12));
      }
    }
  }
}
