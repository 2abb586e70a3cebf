package io.backtest.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestParametersTest {
  enum Status {
    LIVE,
    RETIRED
  }

  private static void rejected(Runnable parse, String field, String reason) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errors())
                  .singleElement()
                  .satisfies(
                      error -> {
                        assertThat(error.field()).isEqualTo(field);
                        assertThat(error.reason()).isEqualTo(reason);
                      });
            });
  }

  @Test
  void absentIntegerTakesTheFallbackAndBoundsAreInclusive() {
    assertThat(RequestParameters.integer("size", null, 20, 1, 100)).isEqualTo(20);
    assertThat(RequestParameters.integer("size", " ", 20, 1, 100)).isEqualTo(20);
    assertThat(RequestParameters.integer("size", "1", 20, 1, 100)).isEqualTo(1);
    assertThat(RequestParameters.integer("size", " 100 ", 20, 1, 100)).isEqualTo(100);
    rejected(
        () -> RequestParameters.integer("size", "101", 20, 1, 100),
        "size",
        "must be an integer between 1 and 100 but was 101");
    rejected(
        () -> RequestParameters.integer("size", "ten", 20, 1, 100),
        "size",
        "must be an integer between 1 and 100 but was 'ten'");
  }

  @Test
  void requiredLongNamesWhatIsMissing() {
    assertThat(RequestParameters.longInteger("seq", "42", 1, Long.MAX_VALUE)).isEqualTo(42);
    rejected(
        () -> RequestParameters.longInteger("seq", null, 1, Long.MAX_VALUE), "seq", "is required");
    rejected(
        () -> RequestParameters.longInteger("seq", "0", 1, Long.MAX_VALUE),
        "seq",
        "must be an integer >= 1 but was 0");
  }

  @Test
  void uuidsMustBeCanonical() {
    UUID id = UUID.fromString("0d6f4c1e-2b1a-4c55-9a3e-6a1f0b9e7c01");
    assertThat(RequestParameters.uuid("id", id.toString())).isEqualTo(id);
    assertThat(RequestParameters.uuid("id", id.toString().toUpperCase())).isEqualTo(id);
    assertThat(RequestParameters.optionalUuid("cycleId", null)).isNull();
    // UUID.fromString would accept this shortened form
    rejected(
        () -> RequestParameters.uuid("id", "1-2-3-4-5"),
        "id",
        "must be a UUID but was '1-2-3-4-5'");
    rejected(() -> RequestParameters.uuid("id", ""), "id", "is required");
  }

  @Test
  void instantsEnumsAndText() {
    assertThat(RequestParameters.optionalInstant("from", "2026-01-05T10:15:30Z"))
        .isEqualTo(Instant.parse("2026-01-05T10:15:30Z"));
    assertThat(RequestParameters.optionalInstant("from", null)).isNull();
    rejected(
        () -> RequestParameters.optionalInstant("from", "yesterday"),
        "from",
        "must be an ISO-8601 instant such as 2026-01-05T10:15:30Z but was 'yesterday'");
    assertThat(RequestParameters.optionalEnum("status", "live", Status.class))
        .isEqualTo(Status.LIVE);
    rejected(
        () -> RequestParameters.optionalEnum("status", "gone", Status.class),
        "status",
        "must be one of LIVE, RETIRED but was 'gone'");
    assertThat(RequestParameters.optionalText("  AAPL ")).isEqualTo("AAPL");
    assertThat(RequestParameters.optionalText(" ")).isNull();
  }

  @Test
  void pageRequestDefaultsAndOffset() {
    assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, 20));
    assertThat(PageRequest.of("3", "25").offset()).isEqualTo(75);
    assertThat(new PageRequest(Integer.MAX_VALUE, 100).offset()).isEqualTo(214_748_364_700L);
    rejected(() -> PageRequest.of("-1", null), "page", "must be an integer >= 0 but was -1");
    rejected(() -> new PageRequest(0, 0), "size", "must be between 1 and 100 but was 0");
  }
}
