package io.backtest.regime.mapping;

import io.backtest.regime.domain.CurrentRegime;
import io.backtest.regime.domain.MarketWindow;
import io.backtest.regime.domain.RecordedRegimeChange;
import io.backtest.regime.domain.RegimeDetectors;
import io.backtest.regime.rest.CurrentRegimesView;
import io.backtest.regime.rest.DetectorRegimeView;
import io.backtest.regime.rest.RegimeChangeView;
import io.backtest.regime.rest.TimeframeRegimesView;
import io.backtest.regime.service.RegimeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Regimes and their changes to their API form. */
public final class RegimeMapper {
  private RegimeMapper() {}

  /** Every window of the snapshot with all three detectors, warming up or not. */
  public static CurrentRegimesView toView(
      String symbol, RegimeService.Snapshot snapshot, Map<String, Long> warmUpBars) {
    List<TimeframeRegimesView> timeframes = new ArrayList<>();
    for (MarketWindow window : snapshot.windows()) {
      List<DetectorRegimeView> detectors = new ArrayList<>();
      for (String detector : RegimeDetectors.NAMES) {
        CurrentRegime current =
            snapshot.regimes().stream()
                .filter(
                    r ->
                        r.id.timeframe().equals(window.timeframe)
                            && r.id.detector().equals(detector))
                .findFirst()
                .orElse(null);
        detectors.add(
            new DetectorRegimeView(
                detector,
                current == null ? null : current.regime,
                current == null ? null : current.since,
                window.barsObserved,
                warmUpBars.get(detector),
                current == null ? Map.of() : new TreeMap<>(current.statistics),
                current == null ? null : current.updatedAt));
      }
      timeframes.add(
          new TimeframeRegimesView(
              window.timeframe, window.barsObserved, window.lastTime, detectors));
    }
    return new CurrentRegimesView(symbol, timeframes);
  }

  public static RegimeChangeView toView(RecordedRegimeChange change) {
    return new RegimeChangeView(
        change.id,
        change.symbol,
        change.timeframe,
        change.detector,
        change.from,
        change.to,
        change.barTime,
        change.barsObserved,
        new TreeMap<>(change.statistics),
        change.reason,
        change.changedAt,
        change.eventId.toString());
  }
}
