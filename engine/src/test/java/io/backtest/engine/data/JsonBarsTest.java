package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBarsTest {
  static final String ETH_FILE = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";

  static List<OhlcvBar> ethBars() throws Exception {
    try (InputStream in = JsonBarsTest.class.getClassLoader().getResourceAsStream(ETH_FILE)) {
      return JsonBars.read(in, Duration.ofMinutes(5));
    }
  }

  private static List<OhlcvBar> read(String json) {
    return JsonBars.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Duration.ofMinutes(5));
  }

  @Test
  void ethFileHas580FiveMinuteBars() throws Exception {
    List<OhlcvBar> bars = ethBars();

    assertThat(bars).hasSize(580);
    // First object: "endTime": 1678730699999 (2023-03-13T18:04:59.999Z), "openPrice": 1673.58,
    // "highPrice": 1677.62, "lowPrice": 1672.44, "closePrice": 1672.99, "volume": 65.3033
    assertThat(bars.getFirst())
        .isEqualTo(
            new OhlcvBar(
                Instant.parse("2023-03-13T18:00:00Z"),
                1673.58,
                1677.62,
                1672.44,
                1672.99,
                65.3033));
    // Last object: "endTime": 1678904399999, 1625.59, 1631.73, 1624.2, 1629.52, 419.89
    assertThat(bars.getLast())
        .isEqualTo(
            new OhlcvBar(
                Instant.parse("2023-03-15T18:15:00Z"), 1625.59, 1631.73, 1624.2, 1629.52, 419.89));
    // (last - first) / 5 min + 1 = 579 + 1: no gaps
    assertThat(Duration.between(bars.getFirst().time(), bars.getLast().time()))
        .isEqualTo(Duration.ofMinutes(5 * 579));
  }

  @Test
  void openTimeIsEndTimePlusOneMillisecondMinusTheBarLength() {
    List<OhlcvBar> bars =
        read(
            """
            {"name": "x", "ohlc": [{"endTime": 299999, "openPrice": 1, "highPrice": 2,
              "lowPrice": 1, "closePrice": 2, "volume": 3, "amount": 0.0}]}""");
    assertThat(bars).extracting(OhlcvBar::time).containsExactly(Instant.EPOCH);
  }

  @Test
  void inconsistentHighIsRejectedNamingTheBar() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"ohlc": [{"endTime": 299999, "openPrice": 1, "highPrice": 1.5,
                      "lowPrice": 1, "closePrice": 2, "volume": 3}]}"""))
        .hasMessageStartingWith("bar 1: high 1.5 and low 1.0 do not enclose");
  }

  @Test
  void missingArrayOrValueIsRejected() {
    assertThatThrownBy(() -> read("{\"name\": \"x\"}")).hasMessageContaining("'ohlc'");
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"ohlc": [{"endTime": 299999, "openPrice": 1, "highPrice": 2,
                      "lowPrice": 1, "volume": 3}]}"""))
        .hasMessage("bar 1: 'closePrice' is missing");
  }

  @Test
  void endTimeThatIsNotABarBoundaryIsRejected() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"ohlc": [{"endTime": 300000, "openPrice": 1, "highPrice": 2,
                      "lowPrice": 1, "closePrice": 2, "volume": 3}]}"""))
        .hasMessageContaining("is not a whole second");
  }
}
