package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradesToBarsTest {
  static final String BTC_FILE = "bitstamp_trades_from_20131125_usd.csv";

  static TradesToBars.Aggregation btcMinutes() throws Exception {
    try (InputStream in = TradesToBarsTest.class.getClassLoader().getResourceAsStream(BTC_FILE)) {
      return TradesToBars.read(in, Duration.ofMinutes(1));
    }
  }

  private static TradesToBars.Aggregation read(String csv) {
    return TradesToBars.read(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Duration.ofMinutes(1));
  }

  @Test
  void bitstampFileGivesOneBarPerMinuteWithTradesAndKeepsEveryTrade() throws Exception {
    TradesToBars.Aggregation btc = btcMinutes();

    // 100,000 data lines: awk 'NR>1' bitstamp_trades_from_20131125_usd.csv | wc -l
    assertThat(btc.trades()).isEqualTo(100_000);
    assertThat(Arrays.stream(btc.tradesPerBar()).sum()).isEqualTo(100_000);
    // distinct floor(timestamp / 60) over the file: awk -F, 'NR>1{m=int($1/60); if(m!=p){n++;
    // p=m}} END{print n}'
    assertThat(btc.bars()).hasSize(9_399);
    assertThat(Arrays.stream(btc.tradesPerBar()).min().orElseThrow()).isPositive();
  }

  @Test
  void firstAndLastMinutesMatchTheRawTrades() throws Exception {
    List<OhlcvBar> bars = btcMinutes().bars();

    // 1385337600 (2013-11-25T00:00:00Z) .. 1385337657: 11 trades, first 800.01, last 807.47,
    // extremes 800.01 and 807.47; amounts 0.1 + 0.27838049 + 0.27436926 + 0.17778998 +
    // 0.00123844 + 0.12 + 0.08576156 + 0.91423844 + 0.45177022 + 0.45185763 + 0.00123844
    OhlcvBar first = bars.getFirst();
    assertThat(first.time()).isEqualTo(Instant.parse("2013-11-25T00:00:00Z"));
    assertThat(first.open()).isEqualTo(800.01);
    assertThat(first.high()).isEqualTo(807.47);
    assertThat(first.low()).isEqualTo(800.01);
    assertThat(first.close()).isEqualTo(807.47);
    assertThat(first.volume()).isCloseTo(2.85664446, within(1e-9));
    assertThat(btcMinutes().tradesPerBar()[0]).isEqualTo(11);

    // The file's last three lines, 1385913721..1385913725 (2013-12-01T16:02Z): 999.0 (0.07),
    // 994.22 (0.0073669), 999.0 (1.2926331); 1385913718 belongs to 16:01.
    OhlcvBar last = bars.getLast();
    assertThat(last.time()).isEqualTo(Instant.parse("2013-12-01T16:02:00Z"));
    assertThat(List.of(last.open(), last.high(), last.low(), last.close()))
        .containsExactly(999.0, 999.0, 994.22, 999.0);
    assertThat(last.volume()).isCloseTo(1.37, within(1e-9));
  }

  @Test
  void firstTradeOfEachBarIsItsOpenAndMinutesWithoutTradesHaveNoBar() {
    TradesToBars.Aggregation a =
        read(
            """
            timestamp,price,amount
            60,10,1
            61,12,1
            119,9,2
            120,11,1
            300,13,0.5
            """);

    assertThat(a.bars())
        .containsExactly(
            new OhlcvBar(Instant.ofEpochSecond(60), 10, 12, 9, 9, 4),
            new OhlcvBar(Instant.ofEpochSecond(120), 11, 11, 11, 11, 1),
            new OhlcvBar(Instant.ofEpochSecond(300), 13, 13, 13, 13, 0.5));
    assertThat(a.tradesPerBar()).containsExactly(3, 1, 1);
  }

  @Test
  void tradesOutOfOrderAreRejectedNamingTheLine() {
    assertThatThrownBy(() -> read("timestamp,price,amount\n61,10,1\n60,10,1\n"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("line 3 (row 2): time 60 is before the previous trade's 61");
  }

  @Test
  void nonPositivePriceAndWrongHeaderAreRejected() {
    assertThatThrownBy(() -> read("timestamp,price,amount\n60,0,1\n"))
        .hasMessage("line 2 (row 1): price must be > 0 but was 0.0");
    assertThatThrownBy(() -> read("time,price,volume\n60,1,1\n"))
        .hasMessageStartingWith("line 1: expected the header");
  }
}
