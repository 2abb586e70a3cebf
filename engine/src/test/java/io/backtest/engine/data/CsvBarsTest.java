package io.backtest.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.TestSeries;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvBarsTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  private static List<OhlcvBar> read(String csv, ZoneId zone) {
    return CsvBars.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), zone);
  }

  @Test
  void readsAppleDailyBarsFromTa4jExamples() {
    List<OhlcvBar> bars = TestSeries.appleBars();

    assertThat(bars).hasSize(252);
    // First data line of the file: 2013-01-02,553.82,555.00,541.63,549.03,20018500
    assertThat(bars.getFirst())
        .isEqualTo(
            new OhlcvBar(
                LocalDate.of(2013, 1, 2).atStartOfDay(TestSeries.NEW_YORK).toInstant(),
                553.82,
                555.00,
                541.63,
                549.03,
                20018500));
    // Last line, read from the file: 2013-12-31,554.17,561.28,554.00,561.02,7967300
    assertThat(bars.getLast())
        .isEqualTo(
            new OhlcvBar(
                LocalDate.of(2013, 12, 31).atStartOfDay(TestSeries.NEW_YORK).toInstant(),
                554.17,
                561.28,
                554.00,
                561.02,
                7967300));
  }

  @Test
  void dateIsStartOfDayInTheGivenZone() {
    List<OhlcvBar> bars = read("date,open,high,low,close,volume\n2024-03-01,1,2,1,2,10\n", UTC);

    assertThat(bars.getFirst().time()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(
            read("date,open,high,low,close,volume\n2024-03-01,1,2,1,2,10\n", TestSeries.NEW_YORK)
                .getFirst()
                .time())
        .isEqualTo(Instant.parse("2024-03-01T05:00:00Z"));
  }

  @Test
  void acceptsTimeOrTimestampHeaderInAnyCaseAndColumnOrder() {
    String csv =
        """
        Volume,CLOSE,Low,High,Open,TimeStamp
        10,2.5,1,3,2,2024-03-01T14:30:00Z
        """;

    assertThat(read(csv, UTC))
        .containsExactly(new OhlcvBar(Instant.parse("2024-03-01T14:30:00Z"), 2, 3, 1, 2.5, 10));
    assertThat(read("time,open,high,low,close,volume\n1709303400,1,1,1,1,0\n", UTC))
        .extracting(OhlcvBar::time)
        .containsExactly(Instant.parse("2024-03-01T14:30:00Z"));
  }

  @Test
  void parsesInstantsOffsetDateTimesLocalDateTimesAndEpochSeconds() {
    String csv =
        """
        date,open,high,low,close,volume
        2024-03-01T14:30:00Z,1,1,1,1,0
        2024-03-01T09:31:00-05:00,1,1,1,1,0
        2024-03-01T09:32:00,1,1,1,1,0
        1709303580,1,1,1,1,0
        """;

    assertThat(read(csv, TestSeries.NEW_YORK))
        .extracting(OhlcvBar::time)
        .containsExactly(
            Instant.parse("2024-03-01T14:30:00Z"),
            Instant.parse("2024-03-01T14:31:00Z"),
            // local date-time taken in New York (EST, UTC-5, on 1 March)
            Instant.parse("2024-03-01T14:32:00Z"),
            // 1709303580 = 1709303400 (14:30Z, above) + 180 s
            Instant.parse("2024-03-01T14:33:00Z"));
  }

  @Test
  void ignoresByteOrderMarkCarriageReturnsAndBlankLines() {
    String csv = "\uFEFFdate,open,high,low,close,volume\r\n2024-03-01,1,2,1,2,10\r\n\r\n";

    assertThat(read(csv, UTC)).hasSize(1);
  }

  @Test
  void unparsableNumberNamesLineRowColumnAndValue() {
    String csv =
        """
        date,open,high,low,close,volume
        2024-03-01,1,2,1,2,10
        2024-03-02,1,2,1,abc,10
        """;

    assertThatThrownBy(() -> read(csv, UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 3 (row 2): column 'close' value 'abc' is not a number");
  }

  @Test
  void nanInfinityAndTypeSuffixesAreNotNumbers() {
    for (String value : List.of("NaN", "Infinity", "1d", "0x1p3")) {
      assertThatThrownBy(
              () ->
                  read("date,open,high,low,close,volume\n2024-03-01," + value + ",2,1,2,1\n", UTC))
          .hasMessageContaining("column 'open' value '" + value + "' is not a number");
    }
  }

  @Test
  void emptyFieldIsRejected() {
    assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2024-03-01,1,2,1,2,\n", UTC))
        .hasMessage("line 2 (row 1): column 'volume' is empty");
  }

  @Test
  void rowWithMissingColumnsNamesItsLine() {
    String csv =
        """
        date,open,high,low,close,volume
        2024-03-01,1,2,1,2
        """;

    assertThatThrownBy(() -> read(csv, UTC))
        .hasMessage("line 2 (row 1): expected 6 columns as in the header but found 5");
  }

  @Test
  void headerWithoutCloseColumnIsRejected() {
    assertThatThrownBy(() -> read("date,open,high,low,volume\n", UTC))
        .hasMessageStartingWith("line 1: missing column 'close'");
  }

  @Test
  void unknownAndDuplicateHeaderColumnsAreRejected() {
    assertThatThrownBy(() -> read("date,open,high,low,close,adj close,volume\n", UTC))
        .hasMessageStartingWith("line 1: unknown column 'adj close'");
    assertThatThrownBy(() -> read("date,time,open,high,low,close,volume\n", UTC))
        .hasMessage("line 1: column 'time' appears more than once");
  }

  @Test
  void emptyInputIsRejected() {
    assertThatThrownBy(() -> read("", UTC)).hasMessageStartingWith("line 1: CSV is empty");
  }

  @Test
  void headerOnlyGivesNoBars() {
    assertThat(read("date,open,high,low,close,volume\n", UTC)).isEmpty();
  }

  @Test
  void unparsableTimeNamesLine() {
    assertThatThrownBy(() -> read("date,open,high,low,close,volume\n01/03/2024,1,2,1,2,1\n", UTC))
        .hasMessage(
            "line 2 (row 1): time '01/03/2024' is not yyyy-MM-dd, an ISO-8601 date-time or epoch"
                + " seconds");
  }

  @Test
  void epochMillisecondsAreRejected() {
    assertThatThrownBy(
            () -> read("date,open,high,low,close,volume\n1709303400000,1,2,1,2,1\n", UTC))
        .hasMessageContaining("looks like epoch milliseconds");
  }

  @Test
  void timesMustStrictlyIncrease() {
    String csv =
        """
        date,open,high,low,close,volume
        2024-03-02,1,2,1,2,10
        2024-03-02,1,2,1,2,10
        """;

    assertThatThrownBy(() -> read(csv, UTC))
        .hasMessageStartingWith(
            "line 3 (row 2): time 2024-03-02T00:00:00Z is not after the previous row's");
  }

  @Test
  void nonPositivePriceAndNegativeVolumeAreRejected() {
    assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2024-03-01,0,2,1,2,1\n", UTC))
        .hasMessage("line 2 (row 1): column 'open' must be > 0 but was 0.0");
    assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2024-03-01,1,2,1,2,-1\n", UTC))
        .hasMessage("line 2 (row 1): column 'volume' must be >= 0 but was -1.0");
  }

  @Test
  void highBelowOpenOrCloseIsRejected() {
    assertThatThrownBy(
            () ->
                read(
                    "date,open,high,low,close,volume\n2024-03-01,1,2,1,2,1\n2024-03-02,2,2.5,1,3,1\n",
                    UTC))
        .isInstanceOfSatisfying(
            CsvFormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.row()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("high 2.5 is below max(open, close) 3.0");
            })
        .hasMessage("line 3 (row 2): high 2.5 is below max(open, close) 3.0");
  }

  @Test
  void lowAboveOpenOrCloseIsRejected() {
    assertThatThrownBy(
            () -> read("date,open,high,low,close,volume\n2024-03-01,1.5,2,1.2,1.1,1\n", UTC))
        .hasMessage("line 2 (row 1): low 1.2 is above min(open, close) 1.1");
  }

  @Test
  void duplicateAndEarlierTimesSayWhich() {
    String header = "date,open,high,low,close,volume\n";
    assertThatThrownBy(() -> read(header + "2024-03-02,1,2,1,2,10\n2024-03-02,1,2,1,2,10\n", UTC))
        .hasMessageEndingWith("(duplicate time)");
    assertThatThrownBy(() -> read(header + "2024-03-02,1,2,1,2,10\n2024-03-01,1,2,1,2,10\n", UTC))
        .hasMessage(
            "line 3 (row 2): time 2024-03-01T00:00:00Z is not after the previous row's"
                + " 2024-03-02T00:00:00Z (rows must be in strictly increasing time order)");
  }

  @Test
  void rowsBeyondTheLimitAreRejectedNamingTheLimit() {
    String csv = "date,open,high,low,close,volume\n2024-03-01,1,2,1,2,1\n2024-03-02,1,2,1,2,1\n";
    assertThat(CsvBars.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), UTC, 2))
        .hasSize(2);
    assertThatThrownBy(
            () ->
                CsvBars.read(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), UTC, 1))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("line 3 (row 2): more than 1 rows; a dataset may have at most 1 rows (bars)");
  }

  @Test
  void rowCountIsCheckedBeforeParsingWithTheSameRejection() {
    byte[] csv =
        "date,open,high,low,close,volume\n2024-03-01,1,2,1,2,1\n\n  \n2024-03-02,x\n"
            .getBytes(StandardCharsets.UTF_8);
    CsvBars.requireAtMostRows(csv, 2);
    assertThatThrownBy(() -> CsvBars.requireAtMostRows(csv, 1))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("line 5 (row 2): more than 1 rows; a dataset may have at most 1 rows (bars)");
  }

  @Test
  void headerProblemsHaveNoRow() {
    assertThatThrownBy(() -> read("date,open,high,low,volume\n", UTC))
        .isInstanceOfSatisfying(
            CsvFormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.row()).isZero();
            });
  }
}
