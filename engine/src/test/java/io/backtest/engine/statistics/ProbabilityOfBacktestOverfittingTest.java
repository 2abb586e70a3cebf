package io.backtest.engine.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbabilityOfBacktestOverfittingTest {

  /**
   * T×N Gaussian returns; column {@code edgeColumn} (if ≥ 0) gets {@code edge} added to its mean.
   */
  private static double[][] matrix(long seed, int t, int n, int edgeColumn, double edge) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] columns = new double[n][t];
    for (int c = 0; c < n; c++) {
      for (int i = 0; i < t; i++) {
        columns[c][i] = 0.01 * gaussian(random) + (c == edgeColumn ? edge : 0);
      }
    }
    return columns;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  @Test
  void onPureNoiseTheMeanPboOverSeedsIsNearOneHalf() {
    double sum = 0;
    double losses = 0;
    int seeds = 60;
    for (long seed = 1; seed <= seeds; seed++) {
      var result = ProbabilityOfBacktestOverfitting.evaluate(matrix(seed, 800, 40, -1, 0), 16);
      sum += result.pbo();
      losses += result.probabilityOfOosLoss();
    }
    assertThat(sum / seeds).isCloseTo(0.5, within(0.08));
    // the in-sample winner of noise loses out of sample about half the time
    assertThat(losses / seeds).isCloseTo(0.5, within(0.08));
  }

  @Test
  void withOneColumnCarryingARealEdgePboDropsWellBelow() {
    double sum = 0;
    double losses = 0;
    int seeds = 30;
    for (long seed = 1; seed <= seeds; seed++) {
      // mean 0.002 a period at volatility 0.01: a per-period Sharpe ratio of 0.2
      var result = ProbabilityOfBacktestOverfitting.evaluate(matrix(seed, 800, 40, 7, 0.002), 16);
      sum += result.pbo();
      losses += result.probabilityOfOosLoss();
    }
    assertThat(sum / seeds).isLessThan(0.1);
    assertThat(losses / seeds).isLessThan(0.05);
  }

  /**
   * Two candidates over two blocks: A earns in block 0 and loses in block 1, B the reverse. Each
   * split selects the one that did well in-sample, which then is the worse out of sample and loses:
   * PBO 1, P(OOS loss) 1, and out-of-sample Sharpe ratio falls as the in-sample one rises.
   */
  @Test
  void handWorkedTwoByTwoCase() {
    double[] a = {0.02, 0.01, -0.01, -0.02};
    double[] b = {-0.01, -0.02, 0.02, 0.01};
    var result = ProbabilityOfBacktestOverfitting.evaluate(new double[][] {a, b}, 2);
    assertThat(result.splits()).isEqualTo(2);
    assertThat(result.points()).isEqualTo(4);
    assertThat(result.pbo()).isEqualTo(1.0);
    assertThat(result.probabilityOfOosLoss()).isEqualTo(1.0);
    // rank 1 of 2 → ω = 1/3, λ = ln(1/2)
    assertThat(result.logits()).hasSize(2);
    for (double logit : result.logits()) {
      assertThat(logit).isCloseTo(Math.log(0.5), within(1e-12));
    }
  }

  @Test
  void splitCountIsTheBinomialAndBadInputIsRefused() {
    var result = ProbabilityOfBacktestOverfitting.evaluate(matrix(3, 160, 5, -1, 0), 16);
    assertThat(result.splits()).isEqualTo(12_870);
    assertThat(ProbabilityOfBacktestOverfitting.evaluate(matrix(3, 99, 3, -1, 0), 6).points())
        .isEqualTo(96);
    assertThatThrownBy(() -> ProbabilityOfBacktestOverfitting.evaluate(matrix(1, 100, 3, -1, 0), 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProbabilityOfBacktestOverfitting.evaluate(matrix(1, 20, 3, -1, 0), 16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ProbabilityOfBacktestOverfitting.evaluate(matrix(1, 100, 1, -1, 0), 4).pbo())
        .isNaN();
  }
}
