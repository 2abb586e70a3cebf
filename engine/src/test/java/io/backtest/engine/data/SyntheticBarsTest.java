package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.data.SyntheticBars.Frame;
import io.backtest.engine.data.SyntheticBars.Generated;
import io.backtest.engine.data.SyntheticBars.Regime;
import io.backtest.engine.data.SyntheticBars.RegimeRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticBarsTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  private static Frame frame(int bars, long seed) {
    return new Frame(bars, seed, START, Duration.ofMinutes(1), 100);
  }

  @Test
  void generatorIsSplitMix64AsInJavaAndTheReferenceCode() {
    // splitmix64.c (Vigna) seeded with 0 first returns 0xe220a8397b1dcdaf; SplittableRandom uses
    // the same mixing function and gamma.
    SyntheticBars.SplitMix64 ours = new SyntheticBars.SplitMix64(0);
    assertThat(ours.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    SyntheticBars.SplitMix64 again = new SyntheticBars.SplitMix64(42);
    SplittableRandom java = new SplittableRandom(42);
    for (int i = 0; i < 1000; i++) {
      assertThat(again.nextLong()).isEqualTo(java.nextLong());
    }
  }

  @Test
  void sameSeedGivesTheSameBarsAndADifferentSeedOthers() {
    Generated a = SyntheticBars.gbm(frame(5_000, 7), 0, 0.001);
    Generated b = SyntheticBars.gbm(frame(5_000, 7), 0, 0.001);
    Generated c = SyntheticBars.gbm(frame(5_000, 8), 0, 0.001);

    assertThat(a.bars()).isEqualTo(b.bars());
    assertThat(c.bars()).isNotEqualTo(a.bars());
    assertThat(a.regimes()).isEmpty();
  }

  @Test
  void firstBarFollowsTheDocumentedDrawsByHand() {
    Generated g = SyntheticBars.gbm(frame(2, 1), 0.001, 0.01);
    // Redo bar 0 from the documented recipe with an independent SplitMix64 (java.util's).
    SplittableRandom r = new SplittableRandom(1);
    double[] z = new double[4];
    for (int i = 0; i < 4; i++) {
      double u1 = 1.0 - (r.nextLong() >>> 11) * 0x1.0p-53;
      double u2 = (r.nextLong() >>> 11) * 0x1.0p-53;
      z[i] = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
    double close = 100 * StrictMath.exp(0.001 - 0.01 * 0.01 / 2 + 0.01 * z[0]);
    OhlcvBar first = g.bars().getFirst();
    assertThat(first.time()).isEqualTo(START);
    assertThat(first.open()).isEqualTo(100.0);
    assertThat(first.close()).isEqualTo(close);
    assertThat(first.high())
        .isEqualTo(Math.max(100, close) * StrictMath.exp(0.01 * Math.abs(z[1]) / 2));
    assertThat(first.low())
        .isEqualTo(Math.min(100, close) * StrictMath.exp(-0.01 * Math.abs(z[2]) / 2));
    assertThat(first.volume()).isEqualTo(1000 * (1 + Math.abs(z[0])) * StrictMath.exp(z[3] / 4));
    assertThat(g.bars().get(1).open()).isEqualTo(close);
    assertThat(g.bars().get(1).time()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void barsAreConsistentAndPositive() {
    Generated g = SyntheticBars.regimeSwitching(frame(50_000, 3), SyntheticBars.DEFAULT_REGIMES);
    for (OhlcvBar bar : g.bars()) {
      assertThat(bar.low()).isPositive();
      assertThat(bar.high()).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close()));
      assertThat(bar.low()).isLessThanOrEqualTo(Math.min(bar.open(), bar.close()));
      assertThat(bar.volume()).isPositive();
    }
  }

  @Test
  void regimeLabelsCoverEveryBarInAlternatingRuns() {
    Generated g = SyntheticBars.regimeSwitching(frame(100_000, 7), SyntheticBars.DEFAULT_REGIMES);
    List<RegimeRun> runs = g.regimes();

    assertThat(runs.getFirst().regime()).isEqualTo("bull-quiet");
    assertThat(runs.getFirst().fromIndex()).isZero();
    assertThat(runs.getLast().toIndex()).isEqualTo(99_999);
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).fromIndex()).isEqualTo(runs.get(i - 1).toIndex() + 1);
      assertThat(runs.get(i).regime()).isNotEqualTo(runs.get(i - 1).regime());
    }
    assertThat(runs).extracting(RegimeRun::regime).contains("bear-volatile", "sideways");
    // mean durations 3000, 1500, 2000 under uniform switching: about 100000 / 2167 = 46 runs
    assertThat(runs.size()).isBetween(20, 90);
    assertThat(SyntheticBars.regimeSwitching(frame(100_000, 7), SyntheticBars.DEFAULT_REGIMES))
        .isEqualTo(g);
  }

  @Test
  void labelsMatchTheVolatilityOfTheirBars() {
    Generated g = SyntheticBars.regimeSwitching(frame(200_000, 11), SyntheticBars.DEFAULT_REGIMES);
    double[] sum = new double[3];
    int[] n = new int[3];
    List<String> names = SyntheticBars.DEFAULT_REGIMES.stream().map(Regime::name).toList();
    for (RegimeRun run : g.regimes()) {
      int r = names.indexOf(run.regime());
      for (int k = run.fromIndex(); k <= run.toIndex(); k++) {
        double ret = Math.log(g.bars().get(k).close() / g.bars().get(k).open());
        sum[r] += ret * ret;
        n[r]++;
      }
    }
    for (int r = 0; r < 3; r++) {
      double realised = Math.sqrt(sum[r] / n[r]);
      assertThat(realised)
          .as(names.get(r))
          .isCloseTo(
              SyntheticBars.DEFAULT_REGIMES.get(r).volatility(),
              org.assertj.core.data.Percentage.withPercentage(5));
    }
  }

  @Test
  void invalidInputsAreRefused() {
    assertThatThrownBy(() -> frame(1, 1)).hasMessageContaining("bars must be >= 2");
    assertThatThrownBy(() -> new Regime("x", 0, -0.1, 10)).hasMessageContaining("volatility");
    assertThatThrownBy(() -> new Regime("x", 0, 0.1, 0.5)).hasMessageContaining("meanDuration");
    assertThatThrownBy(
            () ->
                SyntheticBars.regimeSwitching(
                    frame(10, 1), List.of(new Regime("a", 0, 0.1, 5), new Regime("a", 0, 0.2, 5))))
        .hasMessageContaining("defined twice");
  }
}
