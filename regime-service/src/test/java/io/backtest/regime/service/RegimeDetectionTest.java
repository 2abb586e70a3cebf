package io.backtest.regime.service;

import static io.backtest.regime.Fixtures.DOUBLES;
import static io.backtest.regime.Fixtures.WAIT;
import static io.backtest.regime.Fixtures.awaitWindow;
import static io.backtest.regime.Fixtures.kafka;
import static io.backtest.regime.Fixtures.publish;
import static io.backtest.regime.Fixtures.symbol;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.regime.RegimeChange;
import io.backtest.engine.regime.RegimeDetector;
import io.backtest.engine.regime.TrendRegimeDetector;
import io.backtest.engine.regime.VolatilityRegimeDetector;
import io.backtest.regime.RegimeSeries;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regime-switching series through the real broker and database: the changes recorded, announced
 * and served match the engine's detectors run directly on the same bars, and a restart rebuilds the
 * detectors from the stored window.
 */
@QuarkusTest
class RegimeDetectionTest {
  private static final int BARS = 360;
  private static final long SEED = 2;

  @Inject RegimeService service;

  private static MarketBar toEvent(String symbol, OhlcvBar b) {
    return new MarketBar(
        symbol, "1m", b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
  }

  private static List<Map<String, Object>> history(String symbol, String detector) {
    return history(symbol, detector, null);
  }

  /** The whole history of a symbol (of one detector unless null), in {@code sort}. */
  private static List<Map<String, Object>> history(String symbol, String detector, String sort) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      var request =
          given().queryParam("symbol", symbol).queryParam("page", page).queryParam("size", 100);
      if (sort != null) {
        request = request.queryParam("sort", sort);
      }
      if (detector != null) {
        request = request.queryParam("detector", detector);
      }
      JsonPath body =
          request.get("/api/v1/regimes/history").then().statusCode(200).extract().jsonPath(DOUBLES);
      List<Map<String, Object>> items = body.getList("items");
      if (items.isEmpty()) {
        return all;
      }
      all.addAll(items);
    }
  }

  /** The recorded changes of a detector, oldest first, against the engine's own run. */
  private static <R extends Enum<R>> void assertMatchesEngine(
      String symbol, RegimeDetector<R> engine, List<OhlcvBar> bars) {
    List<RegimeChange<R>> expected = RegimeSeries.changes(engine, bars);
    List<Map<String, Object>> recorded = new ArrayList<>(history(symbol, engine.name()));
    java.util.Collections.reverse(recorded);
    // oldest first is the newest-first history reversed, whether by bar time or by record time
    assertThat(history(symbol, engine.name(), "barTime")).isEqualTo(recorded);
    assertThat(history(symbol, engine.name(), "changedAt,barTime")).isEqualTo(recorded);
    assertThat(expected).as("engine %s changes", engine.name()).hasSizeGreaterThan(3);
    assertThat(recorded).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      RegimeChange<R> e = expected.get(i);
      Map<String, Object> r = recorded.get(i);
      assertThat(r.get("from")).isEqualTo(e.from() == null ? null : e.from().name());
      assertThat(r.get("to")).isEqualTo(e.to().name());
      assertThat(r.get("barTime")).isEqualTo(e.time().toString());
      assertThat(((Number) r.get("barsObserved")).longValue()).isEqualTo(e.barIndex() + 1);
      @SuppressWarnings("unchecked")
      Map<String, Object> statistics = (Map<String, Object>) r.get("statistics");
      assertThat(statistics).containsOnlyKeys(e.statistics().keySet());
      e.statistics()
          .forEach(
              (name, value) ->
                  assertThat(((Number) statistics.get(name)).doubleValue())
                      .isCloseTo(value, within(1e-12 * Math.max(1, Math.abs(value)))));
      assertThat((String) r.get("reason"))
          .startsWith(
              engine.name()
                  + " "
                  + (e.from() == null ? "(none)" : e.from().name())
                  + " -> "
                  + e.to().name()
                  + ": ");
    }
  }

  @Test
  void regimeChangesMatchTheEngineAndAreAnnouncedServedAndRebuilt() {
    String symbol = symbol("RGM");
    List<OhlcvBar> bars = RegimeSeries.generate(BARS + 1, SEED).bars();
    List<OhlcvBar> fed = bars.subList(0, BARS);
    EventEnvelope<MarketBar> sample = null;
    for (int i = 0; i < BARS; i++) {
      EventEnvelope<MarketBar> sent = publish(toEvent(symbol, fed.get(i)));
      if (i == 200) {
        sample = sent;
        // redelivered, and the same bar time again with other prices: neither is fed again
        kafka().publish(EventCatalog.MARKET_BARS, sent);
        OhlcvBar b = fed.get(i);
        publish(
            new MarketBar(
                symbol, "1m", b.time(), b.open(), b.high() * 1.5, b.low(), b.close(), b.volume()));
      }
    }
    assertThat(sample).isNotNull();
    awaitWindow(symbol, "1m", w -> fed.getLast().time().toString().equals(w.get("to")));

    assertMatchesEngine(symbol, new VolatilityRegimeDetector(RegimeSeries.VOLATILITY), fed);
    assertMatchesEngine(symbol, new TrendRegimeDetector(RegimeSeries.TREND), fed);
    List<Map<String, Object>> hmm = history(symbol, "hmm");
    assertThat(hmm).isNotEmpty();
    assertThat(hmm.getLast().get("from")).isNull();
    assertThat(((Number) hmm.getLast().get("barsObserved")).longValue())
        .isEqualTo(RegimeSeries.HMM_TRAINING_BARS);

    // every recorded change was announced once, with the same content, keyed by the symbol
    List<Map<String, Object>> all = history(symbol, null);
    List<EventEnvelope<MarketRegimeChanged>> events =
        kafka()
            .awaitEvents(
                EventCatalog.MARKET_REGIME_CHANGED,
                e -> symbol.equals(e.subject()),
                all.size(),
                WAIT);
    assertThat(
            kafka().readEvents(EventCatalog.MARKET_REGIME_CHANGED, e -> symbol.equals(e.subject())))
        .hasSize(all.size());
    for (Map<String, Object> row : all) {
      EventEnvelope<MarketRegimeChanged> event =
          events.stream()
              .filter(e -> e.id().toString().equals(row.get("eventId")))
              .findFirst()
              .orElseThrow();
      MarketRegimeChanged data = event.data();
      assertThat(data.symbol()).isEqualTo(symbol);
      assertThat(data.timeframe()).isEqualTo("1m");
      assertThat(data.detector()).isEqualTo(row.get("detector"));
      assertThat(data.from()).isEqualTo(row.get("from"));
      assertThat(data.to()).isEqualTo(row.get("to"));
      assertThat(data.barTime().toString()).isEqualTo(row.get("barTime"));
      assertThat(data.barsObserved()).isEqualTo(((Number) row.get("barsObserved")).longValue());
      assertThat(data.reason()).isEqualTo(row.get("reason"));
      assertThat(event.correlationId()).isEqualTo("corr-" + symbol);
      assertThat(event.causationId()).isNotNull();
    }

    // the current regimes are the last change of each detector
    JsonPath current =
        given()
            .queryParam("symbol", symbol)
            .get("/api/v1/regimes/current")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath(DOUBLES);
    assertThat(current.getString("symbol")).isEqualTo(symbol);
    assertThat(current.getList("timeframes.timeframe")).containsExactly("1m");
    assertThat(current.getLong("timeframes[0].barsObserved")).isEqualTo(BARS);
    Map<String, String> served = new java.util.HashMap<>();
    for (String detector : List.of("volatility", "trend", "hmm")) {
      Map<String, Object> last = history(symbol, detector).getFirst();
      Map<String, Object> view =
          current.getMap("timeframes[0].detectors.find { it.detector == '" + detector + "' }");
      assertThat(view.get("regime")).isEqualTo(last.get("to"));
      assertThat(view.get("since")).isEqualTo(last.get("barTime"));
      assertThat(view.get("statistics")).isEqualTo(last.get("statistics"));
      assertThat(((Number) view.get("barsObserved")).longValue()).isEqualTo(BARS);
      served.put(detector, (String) view.get("regime"));
    }
    assertThat(service.detectorRegimes(symbol, "1m")).isEqualTo(served);

    // a restart: the detectors are rebuilt from the stored window on the next bar, silently
    service.forgetDetectors();
    assertThat(service.detectorRegimes(symbol, "1m")).isNull();
    publish(toEvent(symbol, bars.getLast()));
    awaitWindow(symbol, "1m", w -> bars.getLast().time().toString().equals(w.get("to")));
    var engineVolatility = new VolatilityRegimeDetector(RegimeSeries.VOLATILITY);
    var engineTrend = new TrendRegimeDetector(RegimeSeries.TREND);
    assertThat(RegimeSeries.changes(engineVolatility, bars))
        .hasSize(history(symbol, "volatility").size());
    assertThat(RegimeSeries.changes(engineTrend, bars)).hasSize(history(symbol, "trend").size());
    assertThat(history(symbol, null)).hasSize(all.size());
    assertThat(service.detectorRegimes(symbol, "1m"))
        .isEqualTo(served)
        .containsEntry("volatility", engineVolatility.current().orElseThrow().name())
        .containsEntry("trend", engineTrend.current().orElseThrow().name());
  }

  @Test
  void currentRegimesOfASymbolStillWarmingUpAreNull() {
    String symbol = symbol("WARM");
    List<OhlcvBar> bars = RegimeSeries.generate(3, SEED).bars();
    bars.forEach(b -> publish(toEvent(symbol, b)));
    awaitWindow(symbol, "1m", w -> w.getInt("bars") == 3);
    JsonPath current =
        given()
            .queryParam("symbol", symbol)
            .queryParam("timeframe", "1m")
            .get("/api/v1/regimes/current")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath(DOUBLES);
    assertThat(current.getList("timeframes[0].detectors.detector"))
        .containsExactly("volatility", "trend", "hmm");
    assertThat(current.getList("timeframes[0].detectors.regime")).containsOnlyNulls();
    assertThat(current.getList("timeframes[0].detectors.warmUpBars", Integer.class))
        .containsExactly(104, 12, 100);
    assertThat(current.getLong("timeframes[0].barsObserved")).isEqualTo(3);
    given()
        .queryParam("symbol", symbol)
        .get("/api/v1/regimes/history")
        .then()
        .statusCode(200)
        .body("total", org.hamcrest.Matchers.equalTo(0));
  }
}
