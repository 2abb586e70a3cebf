package io.backtest.regime.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.regime.GaussianHiddenMarkovModel;
import io.backtest.engine.regime.HmmRegimeDetector;
import io.backtest.engine.regime.RegimeChange;
import io.backtest.engine.regime.TrendRegimeDetector;
import io.backtest.engine.regime.VolatilityRegimeDetector;
import io.backtest.regime.RegimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three detectors of a window against the engine's detectors run directly. */
class RegimeDetectorsTest {
  private static final List<OhlcvBar> BARS = RegimeSeries.generate(360, 2).bars();

  private static List<DetectedChange> feedAll(RegimeDetectors detectors, List<OhlcvBar> bars) {
    List<DetectedChange> all = new ArrayList<>();
    for (OhlcvBar bar : bars) {
      all.addAll(detectors.update(bar));
    }
    return all;
  }

  private static <R extends Enum<R>> void assertSame(
      List<DetectedChange> found, String detector, List<RegimeChange<R>> expected) {
    List<DetectedChange> mine = found.stream().filter(c -> c.detector().equals(detector)).toList();
    assertThat(mine).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      RegimeChange<R> e = expected.get(i);
      DetectedChange c = mine.get(i);
      assertThat(c.from()).isEqualTo(e.from() == null ? null : e.from().name());
      assertThat(c.to()).isEqualTo(e.to().name());
      assertThat(c.statistics()).isEqualTo(e.statistics());
    }
  }

  @Test
  void volatilityAndTrendChangesAreTheEngineDetectorsChanges() {
    List<DetectedChange> found =
        feedAll(new RegimeDetectors(RegimeSeries.SETTINGS, Map.of()), BARS);

    var volatility =
        RegimeSeries.changes(new VolatilityRegimeDetector(RegimeSeries.VOLATILITY), BARS);
    var trend = RegimeSeries.changes(new TrendRegimeDetector(RegimeSeries.TREND), BARS);
    assertThat(volatility).hasSizeGreaterThan(3);
    assertThat(trend).hasSizeGreaterThan(3);
    assertSame(found, "volatility", volatility);
    assertSame(found, "trend", trend);
  }

  @Test
  void hmmGivesItsFirstVerdictOnceTheTrainingWindowIsInFromTheEngineFit() {
    RegimeDetectors detectors = new RegimeDetectors(RegimeSeries.SETTINGS, Map.of());
    int training = RegimeSeries.HMM_TRAINING_BARS;
    for (int i = 0; i < training - 1; i++) {
      assertThat(detectors.update(BARS.get(i))).noneMatch(c -> c.detector().equals("hmm"));
    }
    DetectedChange first =
        detectors.update(BARS.get(training - 1)).stream()
            .filter(c -> c.detector().equals("hmm"))
            .findFirst()
            .orElseThrow();

    // independent: the engine's own training on the same 100 bars, filtered over them
    HmmRegimeDetector engine = HmmRegimeDetector.trainedOn(BARS.subList(0, training), 3);
    BARS.subList(0, training).forEach(engine::update);
    assertThat(first.from()).isNull();
    assertThat(first.to()).isEqualTo(engine.current().orElseThrow().name());
    GaussianHiddenMarkovModel model = engine.model();
    double[] p = engine.probabilities();
    int state = 0;
    for (int i = 1; i < p.length; i++) {
      state = p[i] > p[state] ? i : state;
    }
    assertThat(first.statistics())
        .containsEntry("probability", p[state])
        .containsEntry("stateVolatility", Math.sqrt(model.variances()[state]));
    assertThat(first.reason()).startsWith("hmm (none) -> " + first.to() + ": 3-state model's");
    assertThat(first.reason()).contains("after the first fit on the last 100 bars");
  }

  @Test
  void reasonsNameTheFiguresBehindTheChange() {
    List<DetectedChange> found =
        feedAll(new RegimeDetectors(RegimeSeries.SETTINGS, Map.of()), BARS);
    DetectedChange high =
        found.stream()
            .filter(
                c -> c.detector().equals("volatility") && "HIGH".equals(c.to()) && c.from() != null)
            .findFirst()
            .orElseThrow();
    double sigma = high.statistics().get("realisedVolatility");
    double upper = high.statistics().get("upperThreshold");
    assertThat(sigma).isGreaterThanOrEqualTo(upper);
    assertThat(high.reason())
        .startsWith("volatility " + high.from() + " -> HIGH: Garman-Klass volatility ")
        .contains(String.format(java.util.Locale.ROOT, "(ln %.2f)", Math.log(sigma)))
        .contains("at or above the upper threshold")
        .endsWith("by the hysteresis 0.20 for 4 bars");
  }

  @Test
  void lateOrRepeatedBarIsRefused() {
    RegimeDetectors detectors = new RegimeDetectors(RegimeSeries.SETTINGS, Map.of());
    detectors.update(BARS.get(0));
    detectors.update(BARS.get(1));
    assertThat(detectors.accepts(BARS.get(1))).isFalse();
    assertThat(detectors.accepts(BARS.get(0))).isFalse();
    assertThatThrownBy(() -> detectors.update(BARS.get(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open after the last bar fed");
    assertThat(detectors.barCount()).isEqualTo(2);
  }

  @Test
  void replayReportsNothingAndKeepsTheRegimesLastReported() {
    Map<String, String> told = Map.of("volatility", "LOW", "trend", "RANGING", "hmm", "LOW");
    RegimeDetectors replayed =
        RegimeDetectors.replay(RegimeSeries.SETTINGS, BARS.subList(0, 300), told);

    RegimeDetectors continuous = new RegimeDetectors(RegimeSeries.SETTINGS, Map.of());
    feedAll(continuous, BARS.subList(0, 300));
    assertThat(replayed.currentRegimes()).isEqualTo(continuous.currentRegimes());
    assertThat(replayed.lastTime()).isEqualTo(BARS.get(299).time());

    // the next bar reports every detector that stands elsewhere than what was told, from it
    List<DetectedChange> next = replayed.update(BARS.get(300));
    Map<String, String> now = replayed.currentRegimes();
    for (String detector : RegimeDetectors.NAMES) {
      boolean differs = !now.get(detector).equals(told.get(detector));
      assertThat(next.stream().anyMatch(c -> c.detector().equals(detector))).isEqualTo(differs);
    }
    next.forEach(c -> assertThat(c.from()).isEqualTo(told.get(c.detector())));
  }
}
