package io.backtest.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.backtest.audit.AuditApi;
import io.backtest.audit.AuditSamples;
import io.backtest.audit.KafkaTestBase;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketBar;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Listing, filtering and reading entries, and the answers to bad requests. */
@QuarkusTest
class AuditResourceTest extends KafkaTestBase {

  /** A bar event of {@code symbol} that happened at {@code time}. */
  private static EventEnvelope<MarketBar> barAt(String symbol, String correlation, String time) {
    EventEnvelope<MarketBar> event =
        new EventEnvelope<>(
            UUID.randomUUID(),
            EventCatalog.MARKET_BARS.type(),
            "/test",
            symbol,
            Instant.parse(time),
            correlation,
            null,
            AuditSamples.bar(symbol));
    kafka.publish(EventCatalog.MARKET_BARS, event);
    return event;
  }

  @Test
  void entriesArePagedInSeqOrderWithTheTotal() {
    String correlation = "page-" + UUID.randomUUID();
    String symbol = "PG" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 3; i++) {
      kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), correlation);
    }
    List<Map<String, Object>> all = AuditApi.awaitCorrelated(correlation, 3);

    JsonPath first = AuditApi.entries(Map.of("correlationId", correlation, "size", 2));
    JsonPath second = AuditApi.entries(Map.of("correlationId", correlation, "size", 2, "page", 1));

    assertThat(first.getInt("page")).isZero();
    assertThat(first.getInt("size")).isEqualTo(2);
    assertThat(first.getLong("total")).isEqualTo(3);
    assertThat(first.<Integer>getList("items.seq"))
        .containsExactly(seq(all.get(0)), seq(all.get(1)));
    assertThat(second.getInt("page")).isEqualTo(1);
    assertThat(second.<Integer>getList("items.seq")).containsExactly(seq(all.get(2)));
    assertThat(seq(all.get(0))).isLessThan(seq(all.get(1)));
    assertThat(seq(all.get(1))).isLessThan(seq(all.get(2)));
    assertThat(AuditApi.entries(Map.of()).getInt("size")).isEqualTo(20);
  }

  private static int seq(Map<String, Object> item) {
    return ((Number) item.get("seq")).intValue();
  }

  @Test
  void filtersCombineOnSubjectTypeAndEventTime() {
    String correlation = "filter-" + UUID.randomUUID();
    String symbol = "FT" + UUID.randomUUID().toString().substring(0, 6);
    barAt(symbol, correlation, "2020-01-01T00:00:00Z");
    EventEnvelope<MarketBar> middle = barAt(symbol, correlation, "2020-01-02T00:00:00Z");
    barAt(symbol, correlation, "2020-01-03T00:00:00Z");
    AuditApi.awaitCorrelated(correlation, 3);

    JsonPath window =
        AuditApi.entries(
            Map.of(
                "subject", symbol,
                "type", "io.backtest.market.bars",
                "from", "2020-01-02T00:00:00Z",
                "to", "2020-01-03T00:00:00Z"));
    JsonPath otherType = AuditApi.entries(Map.of("subject", symbol, "type", "io.backtest.x"));
    JsonPath fromOnly =
        AuditApi.entries(Map.of("correlationId", correlation, "from", "2020-01-02T00:00:00Z"));

    // from is inclusive, to exclusive
    assertThat(window.getLong("total")).isEqualTo(1);
    assertThat(window.getString("items[0].eventId")).isEqualTo(middle.id().toString());
    assertThat(window.getString("items[0].eventTime")).isEqualTo("2020-01-02T00:00:00Z");
    assertThat(otherType.getLong("total")).isZero();
    assertThat(fromOnly.getLong("total")).isEqualTo(2);
  }

  @Test
  void entriesSortBySeqOrEventTimeBothWays() {
    String correlation = "sort-" + UUID.randomUUID();
    String symbol = "ST" + UUID.randomUUID().toString().substring(0, 6);
    // recorded in this order (one key, one partition), which is not the events' time order
    String third = barAt(symbol, correlation, "2020-01-03T00:00:00Z").id().toString();
    String first = barAt(symbol, correlation, "2020-01-01T00:00:00Z").id().toString();
    String second = barAt(symbol, correlation, "2020-01-02T00:00:00Z").id().toString();
    AuditApi.awaitCorrelated(correlation, 3);

    Map<String, List<String>> expected =
        Map.of(
            "seq", List.of(third, first, second),
            "-seq", List.of(second, first, third),
            "eventTime", List.of(first, second, third),
            "-eventTime", List.of(third, second, first));
    expected.forEach(
        (sort, order) ->
            assertThat(
                    AuditApi.entries(Map.of("correlationId", correlation, "sort", sort))
                        .getList("items.eventId", String.class))
                .as(sort)
                .isEqualTo(order));
    // paged the same way: the page after the first holds what the first left
    assertThat(
            AuditApi.entries(
                    Map.of(
                        "correlationId", correlation, "sort", "-eventTime", "size", 2, "page", 1))
                .getList("items.eventId", String.class))
        .containsExactly(first);
    assertBadRequest(
        Map.of("sort", "ingestedAt"),
        "sort",
        "must be one of seq, eventTime (a leading - sorts descending; several comma-separated)"
            + " but was 'ingestedAt'");
  }

  @Test
  void oneEntryIsReadByItsSeq() {
    String correlation = "one-" + UUID.randomUUID();
    String symbol = "ONE" + UUID.randomUUID().toString().substring(0, 6);
    EventEnvelope<MarketBar> event =
        kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), correlation);
    Map<String, Object> listed = AuditApi.awaitCorrelated(correlation, 1).getFirst();

    given()
        .get("/api/v1/audit/entries/{seq}", listed.get("seq"))
        .then()
        .statusCode(200)
        .body("seq", equalTo(listed.get("seq")))
        .body("eventId", equalTo(event.id().toString()))
        .body("type", equalTo("io.backtest.market.bars"))
        .body("source", equalTo("/test"))
        .body("subject", equalTo(symbol))
        .body("correlationId", equalTo(correlation))
        .body("topic", equalTo("market.bars"))
        .body("payload.symbol", equalTo(symbol))
        .body("payload.close", equalTo(187.25f))
        .body("summary", startsWith("Bar " + symbol + " 1d at 2026-01-05T10:00:00Z"))
        .body("hash", equalTo(listed.get("hash")))
        .body("prevHash", equalTo(listed.get("prevHash")));
  }

  @Test
  void unknownSeqIsNotFound() {
    given()
        .get("/api/v1/audit/entries/{seq}", 999_999_999)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Audit entry 999999999 does not exist"));
  }

  @Test
  void malformedSeqIsABadRequestNamingThePathParameter() {
    for (String seq : List.of("abc", "0", "-3")) {
      given()
          .get("/api/v1/audit/entries/{seq}", seq)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("seq"))
          .body("errors[0].reason", startsWith("must be an integer >= 1"));
    }
  }

  @Test
  void invalidPagingIsABadRequestNamingTheParameter() {
    assertBadRequest(Map.of("page", "-1"), "page", "must be an integer >= 0 but was -1");
    assertBadRequest(Map.of("page", "first"), "page", "must be an integer >= 0 but was 'first'");
    assertBadRequest(Map.of("size", "0"), "size", "must be an integer between 1 and 100 but was 0");
    assertBadRequest(
        Map.of("size", "101"), "size", "must be an integer between 1 and 100 but was 101");
  }

  @Test
  void pageFarPastTheEndIsEmpty() {
    JsonPath page = AuditApi.entries(Map.of("page", Integer.MAX_VALUE, "size", 100));

    assertThat(page.getList("items")).isEmpty();
    assertThat(page.getInt("page")).isEqualTo(Integer.MAX_VALUE);
    assertThat(page.getInt("size")).isEqualTo(100);
  }

  @Test
  void invalidTimesAreABadRequestNamingTheParameter() {
    assertBadRequest(
        Map.of("from", "yesterday"),
        "from",
        "must be an ISO-8601 instant such as 2026-01-05T10:15:30Z but was 'yesterday'");
    assertBadRequest(
        Map.of("to", "2026-01-05"),
        "to",
        "must be an ISO-8601 instant such as 2026-01-05T10:15:30Z but was '2026-01-05'");
    assertBadRequest(
        Map.of("from", "2026-01-06T00:00:00Z", "to", "2026-01-05T00:00:00Z"),
        "from",
        "must not be after to");
  }

  @Test
  void entriesAreDocumentedAsAPageOfEntries() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(
            "paths.'/api/v1/audit/entries'.get.responses.'200'.content.'application/json'"
                + ".schema.'$ref'",
            equalTo("#/components/schemas/PageAuditEntryView"))
        .body(
            "components.schemas.PageAuditEntryView.properties.items.items.'$ref'",
            equalTo("#/components/schemas/AuditEntryView"))
        .body(
            "components.schemas.PageAuditEntryView.properties.keySet()",
            containsInAnyOrder("items", "page", "size", "total"));
  }

  @Test
  void badProofParametersAreABadRequestNamingTheParameter() {
    String symbol = "PRM" + UUID.randomUUID().toString().substring(0, 6);
    kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-prm");
    AuditApi.awaitSubject(symbol, 1);
    long size = AuditApi.entries(Map.of()).getLong("total");
    String inclusion = "/api/v1/audit/proofs/inclusion";
    String consistency = "/api/v1/audit/proofs/consistency";
    assertProblem(
        inclusion, Map.of("seq", "0", "treeSize", "1"), "seq", "must be an integer >= 1 but was 0");
    assertProblem(inclusion, Map.of("seq", "x"), "seq", "must be an integer >= 1 but was 'x'");
    assertProblem(inclusion, Map.of("treeSize", "1"), "seq", "is required");
    assertProblem(
        inclusion, Map.of("seq", "3", "treeSize", "2"), "seq", "must be <= treeSize (2) but was 3");
    assertProblem(
        inclusion, Map.of("seq", "1", "treeSize", String.valueOf(size + 1000)), "treeSize", null);
    assertProblem(
        consistency,
        Map.of("first", "3", "second", "2"),
        "first",
        "must be <= second (2) but was 3");
    assertProblem(
        consistency,
        Map.of("first", "0", "second", "2"),
        "first",
        "must be an integer >= 1 but was 0");
    assertProblem(
        consistency, Map.of("first", "1", "second", String.valueOf(size + 1000)), "second", null);
    assertProblem(
        consistency,
        Map.of("first", "1", "second", "-4"),
        "second",
        "must be an integer >= 1 but was -4");
  }

  @Test
  void publicKeysNameTheCurrentKey() {
    given()
        .get("/api/v1/audit/public-keys")
        .then()
        .statusCode(200)
        .body("algorithm", equalTo("Ed25519"))
        // the test profile's fixed key
        .body(
            "keys.values()",
            org.hamcrest.Matchers.hasItem(
                "MCowBQYDK2VwAyEAL9LGXsegMA0Xdphj9otk8NvIi9ES7ReWP1ElUNyydmQ="));
  }

  private static void assertProblem(
      String path, Map<String, String> query, String field, String reason) {
    var response =
        given()
            .queryParams(query)
            .get(path)
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("status", equalTo(400))
            .body("errors[0].field", equalTo(field));
    if (reason != null) {
      response.body("errors[0].reason", equalTo(reason));
    }
  }

  private static void assertBadRequest(Map<String, String> query, String field, String reason) {
    given()
        .queryParams(query)
        .get("/api/v1/audit/entries")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors[0].field", equalTo(field))
        .body("errors[0].reason", equalTo(reason));
  }
}
