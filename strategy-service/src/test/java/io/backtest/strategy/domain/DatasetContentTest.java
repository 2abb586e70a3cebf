package io.backtest.strategy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.data.OhlcvBar;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetContentTest {
  // The first two bars of appleinc_bars_from_20130101_usd.csv.
  private static final List<OhlcvBar> TWO_BARS =
      List.of(
          new OhlcvBar(
              Instant.parse("2013-01-02T00:00:00Z"), 553.82, 555.00, 541.63, 549.03, 20018500),
          new OhlcvBar(
              Instant.parse("2013-01-03T00:00:00Z"), 547.88, 549.67, 541.00, 542.10, 12605900));

  @Test
  void canonicalTextIsOneLinePerBarWithEpochSecondsAndJavaDoubles() {
    assertThat(DatasetContent.canonicalText(TWO_BARS))
        .isEqualTo(
            "1357084800,553.82,555.0,541.63,549.03,2.00185E7\n"
                + "1357171200,547.88,549.67,541.0,542.1,1.26059E7\n");
  }

  @Test
  void digestMatchesSha256sumOfTheCanonicalText() {
    // printf '1357084800,553.82,555.0,541.63,549.03,2.00185E7\n1357171200,547.88,549.67,541.0,
    // 542.1,1.26059E7\n' | sha256sum
    assertThat(DatasetContent.sha256(TWO_BARS))
        .isEqualTo("63cbec80fb2b0c3a42c411fd00c2925c78a8d97c734ae0edb9a2a67cfed4310a");
  }

  @Test
  void emptyContentHasTheDigestOfNoBytes() {
    assertThat(DatasetContent.sha256(List.of()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void anyChangedValueChangesTheDigest() {
    OhlcvBar first = TWO_BARS.getFirst();
    List<OhlcvBar> changed =
        List.of(
            new OhlcvBar(
                first.time(), first.open(), first.high(), first.low(), 549.04, first.volume()),
            TWO_BARS.get(1));
    assertThat(DatasetContent.sha256(changed)).isNotEqualTo(DatasetContent.sha256(TWO_BARS));
  }

  @Test
  void subSecondTimesAreRefused() {
    OhlcvBar bar = new OhlcvBar(Instant.parse("2013-01-02T00:00:00.5Z"), 1, 1, 1, 1, 1);
    assertThatThrownBy(() -> DatasetContent.sha256(List.of(bar)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole second");
  }

  @Test
  void storedFormRoundTripsEveryBitAndIsSmallForRegularTimes() {
    List<OhlcvBar> bars = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      double p = 100 + Math.sin(i / 50.0) * 10 + i * 1e-7;
      bars.add(
          new OhlcvBar(
              Instant.ofEpochSecond(1_600_000_000L + 60L * i), p, p + 0.5, p - 0.25, p + 0.125, i));
    }
    byte[] stored = DatasetContent.encode(bars);

    assertThat(DatasetContent.decode(stored)).isEqualTo(bars);
    assertThat(DatasetContent.sha256(DatasetContent.decode(stored)))
        .isEqualTo(DatasetContent.sha256(bars));
    // 48 bytes a bar before compression
    assertThat(stored.length).isLessThan(48 * bars.size());
    assertThat(DatasetContent.decode(DatasetContent.encode(TWO_BARS))).isEqualTo(TWO_BARS);
    assertThat(DatasetContent.decode(DatasetContent.encode(List.of()))).isEmpty();
  }

  @Test
  void streamedDigestEqualsTheDigestOfTheWholeText() throws Exception {
    List<OhlcvBar> bars = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      bars.add(new OhlcvBar(Instant.ofEpochSecond(60L * i), 1.5, 2.25, 1, 2, i * 0.1));
    }
    byte[] whole =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(
                DatasetContent.canonicalText(bars)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(DatasetContent.sha256(bars)).isEqualTo(java.util.HexFormat.of().formatHex(whole));
  }

  @Test
  void damagedStoredContentIsRefused() {
    byte[] stored = DatasetContent.encode(TWO_BARS);
    assertThatThrownBy(() -> DatasetContent.decode(java.util.Arrays.copyOf(stored, 5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatasetContent.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
