package io.backtest.engine.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CrossesTest {

  @Test
  void onePassCrossingsEqualTheSeparateTa4jCrossRules() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(300);
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        // Few distinct values, so equal runs (the look-back case) are common; some NaN.
        a[i] = random.nextInt(20) == 0 ? Double.NaN : random.nextInt(4);
        b[i] = random.nextInt(20) == 0 ? Double.NaN : random.nextInt(4);
      }
      int boundary = random.nextInt(Math.min(n, 30));
      boolean[][] both = Crosses.crossings(a, b, boundary);

      assertThat(both[0]).isEqualTo(Crosses.crossedUp(a, b, boundary));
      assertThat(both[1]).isEqualTo(Crosses.crossedDown(a, b, boundary));
    }
  }

  @Test
  void comparisonsAreDoubleNumsIncludingSignedZerosAndNaN() {
    double[] values = {
      Double.NaN,
      Double.NEGATIVE_INFINITY,
      -1.5,
      -Double.MIN_VALUE,
      -0.0,
      0.0,
      Double.MIN_VALUE,
      2,
      Double.POSITIVE_INFINITY
    };
    for (double a : values) {
      for (double b : values) {
        boolean numbers = !Double.isNaN(a) && !Double.isNaN(b);
        int c = Double.compare(a, b);
        String pair = a + " vs " + b;
        assertThat(Crosses.gt(a, b)).as("gt " + pair).isEqualTo(numbers && c > 0);
        assertThat(Crosses.ge(a, b)).as("ge " + pair).isEqualTo(numbers && c >= 0);
        assertThat(Crosses.lt(a, b)).as("lt " + pair).isEqualTo(numbers && c < 0);
        assertThat(Crosses.le(a, b)).as("le " + pair).isEqualTo(numbers && c <= 0);
      }
    }
  }

  @Test
  void aCrossAfterARunOfEqualValuesLooksBackPastTheRun() {
    double[] fast = {1, 2, 2, 2, 3};
    double[] slow = {2, 2, 2, 2, 2};
    boolean[][] both = Crosses.crossings(fast, slow, 0);
    // fast < slow at bar 0, equal at 1..3, above at 4: a cross up at 4 only.
    assertThat(both[0]).containsExactly(false, false, false, false, true);
    assertThat(both[1]).containsExactly(false, false, false, false, false);
  }
}
