package io.backtest.strategy.rest;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.backtest.strategy.LiveSetFixtures.all;
import static io.backtest.strategy.LiveSetFixtures.decide;
import static io.backtest.strategy.LiveSetFixtures.ranking;
import static io.backtest.strategy.LiveSetFixtures.seedCycle;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.Fixtures.Stats;
import io.backtest.strategy.LiveSetFixtures;
import io.backtest.strategy.LiveSetFixtures.SeededCycle;
import io.backtest.strategy.LiveSetProfile;
import io.backtest.strategy.service.PromotionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator's control of the live set, and what the API shows of it. */
@QuarkusTest
@TestProfile(LiveSetProfile.class)
class DeploymentResourceTest {
  @Inject PromotionService promotions;

  @BeforeEach
  void emptyLiveSet() {
    LiveSetFixtures.resetLiveSet();
  }

  @Test
  void operatorPromotesAndDemotesWithTheirReasonAnEventAndAHistoryRow() {
    SeededCycle c = seedCycle(2);
    // ranked but rejected by the gate: an operator may still put it live
    decide(
        promotions, ranking(c, c.strategyIds(), new double[] {0.41, 0.4}, all(2, Stats.noise())));
    UUID id = c.strategy(0);
    String correlationId = "corr-operator-" + UUID.randomUUID();

    JsonPath promoted =
        post(
                "/api/v1/strategies/{id}/promote",
                id,
                "{\"reason\":\"  hedge for Q3  \"}",
                correlationId)
            .statusCode(200)
            .contentType(ContentType.JSON)
            .extract()
            .jsonPath();
    assertThat(promoted.getString("strategyId")).isEqualTo(id.toString());
    assertThat(promoted.getString("action")).isEqualTo("PROMOTED");
    assertThat(promoted.getString("reason"))
        .isEqualTo("manual promotion by operator: hedge for Q3");
    assertThat(promoted.getInt("liveCount")).isEqualTo(1);
    assertThat(promoted.getInt("cap")).isEqualTo(35);
    UUID eventId = UUID.fromString(promoted.getString("eventId"));
    long seq = promoted.getLong("seq");

    EventEnvelope<StrategyPromoted> event =
        kafka()
            .awaitEvents(EventCatalog.STRATEGY_PROMOTED, e -> e.id().equals(eventId), 1, WAIT)
            .getFirst();
    assertThat(event.correlationId()).isEqualTo(correlationId);
    assertThat(event.causationId()).isNull();
    assertThat(event.subject()).isEqualTo(id.toString());
    StrategyPromoted p = event.data();
    assertThat(p.strategyId()).isEqualTo(id);
    assertThat(p.cycleId()).isEqualTo(c.cycleId());
    assertThat(p.reason()).isEqualTo("manual promotion by operator: hedge for Q3");
    assertThat(p.score()).isEqualTo(0.41);
    assertThat(p.rank()).isEqualTo(1);
    assertThat(p.liveCount()).isEqualTo(1);
    assertThat(p.cap()).isEqualTo(35);
    assertThat(p.metrics()).isEqualTo(LiveSetFixtures.METRICS);
    // what to expect live, from the statistics: 756 points over 3 years of 252 daily bars
    assertThat(p.expected().barsPerPoint()).isEqualTo(1);
    assertThat(p.expected().tradesPerYear()).isEqualTo(20.0);
    assertThat(p.expected().deflatedSharpe()).isEqualTo(0.41);
    assertThat(p.expected().sharpe()).isEqualTo(0.46);

    // the live set and the history show it
    JsonPath live = given().get("/api/v1/deployments").then().statusCode(200).extract().jsonPath();
    assertThat(live.getInt("liveCount")).isEqualTo(1);
    assertThat(live.getInt("cap")).isEqualTo(35);
    assertThat(live.getString("strategies[0].strategyId")).isEqualTo(id.toString());
    assertThat(live.getDouble("strategies[0].score")).isCloseTo(0.41, within(1e-6));
    assertThat(live.getString("strategies[0].reason"))
        .isEqualTo("manual promotion by operator: hedge for Q3");
    assertThat(live.getString("strategies[0].promotedAt")).isNotNull();
    assertThat(live.getDouble("strategies[0].expected.tradesPerYear")).isEqualTo(20.0);
    given()
        .queryParam("strategyId", id.toString())
        .get("/api/v1/deployments/history")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].seq", equalTo((int) seq))
        .body("items[0].action", equalTo("PROMOTED"))
        .body("items[0].cycleId", nullValue())
        .body("items[0].eventId", equalTo(eventId.toString()));
    given()
        .get("/api/v1/strategies/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("LIVE"))
        .body("reason", equalTo("manual promotion by operator: hedge for Q3"));

    JsonPath demoted =
        post(
                "/api/v1/strategies/{id}/demote",
                id,
                "{\"reason\":\"drawdown too deep\"}",
                correlationId)
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(demoted.getString("action")).isEqualTo("DEMOTED");
    assertThat(demoted.getInt("liveCount")).isZero();
    assertThat(demoted.getLong("seq")).isGreaterThan(seq);
    UUID demotedEventId = UUID.fromString(demoted.getString("eventId"));
    StrategyDemoted d =
        kafka()
            .awaitEvents(EventCatalog.STRATEGY_DEMOTED, e -> e.id().equals(demotedEventId), 1, WAIT)
            .getFirst()
            .data();
    assertThat(d.strategyId()).isEqualTo(id);
    assertThat(d.cycleId()).isNull();
    assertThat(d.replacedBy()).isNull();
    assertThat(d.liveCount()).isZero();
    assertThat(d.reason()).isEqualTo("manual demotion by operator: drawdown too deep");
    given()
        .get("/api/v1/strategies/{id}", id)
        .then()
        .body("status", equalTo("RETIRED"))
        .body("demotedAt", org.hamcrest.Matchers.notNullValue());
    given()
        .queryParam("strategyId", id.toString())
        .queryParam("size", 1)
        .get("/api/v1/deployments/history")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.size()", equalTo(1))
        .body("items[0].action", equalTo("DEMOTED"))
        .body("items[0].reason", equalTo("manual demotion by operator: drawdown too deep"));
  }

  @Test
  void promotionIsRefusedWithAProblemSayingWhy() {
    SeededCycle ranked = seedCycle(1);
    decide(
        promotions,
        ranking(ranked, ranked.strategyIds(), new double[] {0.3}, all(1, Stats.noise())));
    SeededCycle unranked = seedCycle(1);
    UUID id = ranked.strategy(0);

    problem(post("/api/v1/strategies/{id}/promote", id, "{}"), 400)
        .body("errors[0].field", equalTo("reason"))
        .body("errors[0].reason", equalTo("is required"));
    problem(post("/api/v1/strategies/{id}/promote", id, "{\"reason\":\"   \"}"), 400)
        .body("errors[0].field", equalTo("reason"));
    problem(
            post(
                "/api/v1/strategies/{id}/promote", id, "{\"reason\":\"" + "x".repeat(1001) + "\"}"),
            400)
        .body("errors[0].reason", equalTo("must be at most 1000 characters but has 1001"));
    problem(post("/api/v1/strategies/{id}/promote", id, "{\"reason\":[\"x\"]}"), 400)
        .body("errors[0].field", equalTo("reason"));
    problem(
            given()
                .contentType(ContentType.JSON)
                .post("/api/v1/strategies/{id}/promote", id)
                .then(),
            400)
        .body("errors[0].field", equalTo("body"));
    problem(post("/api/v1/strategies/{id}/promote", "nope", "{\"reason\":\"x\"}"), 400)
        .body("errors[0].field", equalTo("id"));
    UUID unknown = UUID.randomUUID();
    problem(post("/api/v1/strategies/{id}/promote", unknown, "{\"reason\":\"x\"}"), 404)
        .body("detail", equalTo("Strategy " + unknown + " does not exist"));
    problem(
            post("/api/v1/strategies/{id}/promote", unranked.strategy(0), "{\"reason\":\"x\"}"),
            409)
        .body(
            "detail",
            equalTo(
                "strategy "
                    + unranked.strategy(0)
                    + " cannot go live: it has no statistics (its cycle has not ranked it)"));

    post("/api/v1/strategies/{id}/promote", id, "{\"reason\":\"x\"}").statusCode(200);
    problem(post("/api/v1/strategies/{id}/promote", id, "{\"reason\":\"x\"}"), 409)
        .body("detail", equalTo("strategy " + id + " is already live"));

    // the same trading system, generated again by another cycle
    UUID twin = UUID.randomUUID();
    LiveSetFixtures.seedStrategy(
        ranked.cycleId(), twin, Fixtures.storedParameters(id), Timestamp.from(Instant.now()));
    Fixtures.execute(
        "update strategy set score = 0.2, rank = 2, statistics = (select statistics from strategy"
            + " where id = ?) where id = ?",
        id,
        twin);
    problem(post("/api/v1/strategies/{id}/promote", twin, "{\"reason\":\"x\"}"), 409)
        .body(
            "detail",
            equalTo(
                "the same strategy (template, dataset and parameters) is already live as " + id));
    // the database holds the rule too, on the fingerprints: the twin's ciphertext differs (another
    // row, another IV), its fingerprint does not
    assertThat(
            Fixtures.queryLong(
                "select count(distinct parameters_enc) + 10 * count(distinct parameters_fingerprint)"
                    + " from strategy where id in (?, ?)",
                id,
                twin))
        .isEqualTo(2 + 10);
    assertThatThrownBy(
            () ->
                Fixtures.execute(
                    "update strategy set status = 'LIVE', promoted_at = now() where id = ?", twin))
        .cause()
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("strategy_live_unique")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));

    // a full live set
    SeededCycle many = seedCycle(34);
    double[] scores = new double[34];
    java.util.Arrays.fill(scores, 0.9);
    decide(promotions, ranking(many, many.strategyIds(), scores, all(34, Stats.passing())));
    assertThat(Fixtures.liveCount()).isEqualTo(35);
    SeededCycle spare = seedCycle(1);
    decide(
        promotions, ranking(spare, spare.strategyIds(), new double[] {0.1}, all(1, Stats.noise())));
    problem(post("/api/v1/strategies/{id}/promote", spare.strategy(0), "{\"reason\":\"x\"}"), 409)
        .body("title", equalTo("Conflict"))
        .body("detail", equalTo("live set full (35 of 35)"));
    assertThat(
            Fixtures.queryLong(
                "select count(*) from deployment where strategy_id = ?", spare.strategy(0)))
        .isZero();
  }

  @Test
  void demotionIsRefusedWithAProblemSayingWhy() {
    SeededCycle c = seedCycle(1);
    UUID id = c.strategy(0);
    problem(post("/api/v1/strategies/{id}/demote", id, "{\"reason\":\"x\"}"), 409)
        .body("detail", equalTo("strategy " + id + " is not live (it is CANDIDATE)"));
    problem(post("/api/v1/strategies/{id}/demote", id, "{\"reason\":\"\"}"), 400)
        .body("errors[0].field", equalTo("reason"));
    UUID unknown = UUID.randomUUID();
    problem(post("/api/v1/strategies/{id}/demote", unknown, "{\"reason\":\"x\"}"), 404)
        .body("detail", equalTo("Strategy " + unknown + " does not exist"));
  }

  @Test
  void rollbackRestoresTheLiveSetTheCycleLeft() {
    SeededCycle a = seedCycle(3);
    decide(
        promotions,
        ranking(a, a.strategyIds(), new double[] {0.9, 0.8, 0.7}, all(3, Stats.passing())));
    SeededCycle b = seedCycle(2);
    decide(
        promotions,
        ranking(b, b.strategyIds(), new double[] {0.85, 0.75}, all(2, Stats.passing())));
    post("/api/v1/strategies/{id}/demote", a.strategy(0), "{\"reason\":\"drift\"}").statusCode(200);
    assertThat(LiveSetFixtures.liveIds())
        .containsExactlyInAnyOrder(a.strategy(1), a.strategy(2), b.strategy(0), b.strategy(1));

    // back to what cycle a left: b's two go, a's first returns
    JsonPath back =
        post("/api/v1/deployments/rollback", null, rollback(a.cycleId(), "b underperforms"))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(back.getString("cycleId")).isEqualTo(a.cycleId().toString());
    assertThat(back.getList("demoted", String.class))
        .containsExactlyInAnyOrder(b.strategy(0).toString(), b.strategy(1).toString());
    assertThat(back.getList("promoted", String.class)).containsExactly(a.strategy(0).toString());
    assertThat(back.getInt("liveCount")).isEqualTo(3);
    assertThat(back.getInt("cap")).isEqualTo(35);
    assertThat(LiveSetFixtures.liveIds()).isEqualTo(Set.copyOf(a.strategyIds()));
    String reason = "rolled back to the live set after cycle " + a.cycleId() + ": b underperforms";
    assertThat(
            Fixtures.queryLong(
                "select count(*) from deployment where reason = ? and cycle_id is null and"
                    + " event_id is not null",
                reason))
        .isEqualTo(3);
    StrategyPromoted again =
        kafka()
            .awaitEvents(
                EventCatalog.STRATEGY_PROMOTED,
                e ->
                    e.data().strategyId().equals(a.strategy(0)) && e.data().reason().equals(reason),
                1,
                WAIT)
            .getFirst()
            .data();
    assertThat(again.liveCount()).isEqualTo(3);
    List<StrategyDemoted> gone =
        kafka()
            .awaitEvents(
                EventCatalog.STRATEGY_DEMOTED, e -> e.data().reason().equals(reason), 2, WAIT)
            .stream()
            .map(EventEnvelope::data)
            .toList();
    assertThat(gone).extracting(StrategyDemoted::liveCount).containsExactlyInAnyOrder(3, 2);

    // forward again to what cycle b left; a second time changes nothing
    post("/api/v1/deployments/rollback", null, rollback(b.cycleId(), "b is fine after all"))
        .statusCode(200)
        .body("demoted.size()", equalTo(0))
        .body("promoted.size()", equalTo(2))
        .body("liveCount", equalTo(5));
    post("/api/v1/deployments/rollback", null, rollback(b.cycleId(), "again"))
        .statusCode(200)
        .body("demoted.size()", equalTo(0))
        .body("promoted.size()", equalTo(0))
        .body("liveCount", equalTo(5));
    assertThat(LiveSetFixtures.replayedLiveSet()).isEqualTo(LiveSetFixtures.liveIds());
  }

  @Test
  void rollbackIsRefusedWithAProblemSayingWhy() {
    problem(post("/api/v1/deployments/rollback", null, "{\"reason\":\"x\"}"), 400)
        .body("errors[0].field", equalTo("cycleId"))
        .body("errors[0].reason", equalTo("is required"));
    problem(
            post("/api/v1/deployments/rollback", null, "{\"cycleId\":\"42\",\"reason\":\"x\"}"),
            400)
        .body("errors[0].field", equalTo("cycleId"));
    UUID unknown = UUID.randomUUID();
    problem(post("/api/v1/deployments/rollback", null, rollback(unknown, "")), 400)
        .body("errors[0].field", equalTo("reason"));
    problem(post("/api/v1/deployments/rollback", null, rollback(unknown, "x")), 404)
        .body("detail", equalTo("Cycle " + unknown + " does not exist"));
    SeededCycle running = seedCycle(1);
    problem(post("/api/v1/deployments/rollback", null, rollback(running.cycleId(), "x")), 404)
        .body(
            "detail",
            equalTo(
                "cycle "
                    + running.cycleId()
                    + " has not decided on promotions: there is no live set after its decision to"
                    + " roll back to"));

    // a cycle whose live set holds a strategy that cannot go live again (no statistics: promoted
    // before they were kept)
    SeededCycle old = seedCycle(1);
    UUID oldId = old.strategy(0);
    Fixtures.execute(
        "insert into deployment (strategy_id, action, cycle_id, reason, at) values (?, 'PROMOTED',"
            + " ?, 'promoted before the deployment history was kept', now())",
        oldId,
        old.cycleId());
    Fixtures.execute(
        "update cycle set status = 'COMPLETED', completed_at = now(), deployment_seq = (select"
            + " max(seq) from deployment) where id = ?",
        old.cycleId());
    problem(post("/api/v1/deployments/rollback", null, rollback(old.cycleId(), "x")), 409)
        .body(
            "detail",
            equalTo(
                "strategy "
                    + oldId
                    + " of the live set after cycle "
                    + old.cycleId()
                    + " cannot go live again: it has no statistics (promoted before they were"
                    + " kept)"));
    Fixtures.execute(
        "insert into deployment (strategy_id, action, cycle_id, reason, at) values (?, 'DEMOTED',"
            + " null, 'test cleanup', now())",
        oldId);
  }

  @Test
  void historyIsPagedNewestFirstAndFiltered() {
    SeededCycle c = seedCycle(3);
    decide(
        promotions,
        ranking(c, c.strategyIds(), new double[] {0.9, 0.8, 0.7}, all(3, Stats.passing())));
    JsonPath page =
        given()
            .queryParam("cycleId", c.cycleId().toString())
            .queryParam("size", 2)
            .get("/api/v1/deployments/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getLong("total")).isEqualTo(3);
    assertThat(page.getInt("size")).isEqualTo(2);
    assertThat(page.getList("items.strategyId", String.class))
        .containsExactly(c.strategy(2).toString(), c.strategy(1).toString());
    assertThat(page.getList("items.cycleId", String.class)).containsOnly(c.cycleId().toString());
    given()
        .queryParam("cycleId", c.cycleId().toString())
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/api/v1/deployments/history")
        .then()
        .statusCode(200)
        .body("items.strategyId", org.hamcrest.Matchers.contains(c.strategy(0).toString()));
    // sorted: oldest first, the order of the decision; by time, ties newest first
    for (String sort : new String[] {"seq", "-at"}) {
      List<String> order =
          given()
              .queryParam("cycleId", c.cycleId().toString())
              .queryParam("sort", sort)
              .get("/api/v1/deployments/history")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.strategyId", String.class);
      List<String> oldestFirst =
          List.of(c.strategy(0).toString(), c.strategy(1).toString(), c.strategy(2).toString());
      assertThat(order)
          .as(sort)
          .isEqualTo(sort.equals("seq") ? oldestFirst : oldestFirst.reversed());
    }
    problem(given().queryParam("sort", "strategyId").get("/api/v1/deployments/history").then(), 400)
        .body("errors[0].field", equalTo("sort"));
    problem(given().queryParam("strategyId", "x").get("/api/v1/deployments/history").then(), 400)
        .body("errors[0].field", equalTo("strategyId"));
    problem(given().queryParam("size", 0).get("/api/v1/deployments/history").then(), 400)
        .body("errors[0].field", equalTo("size"));
  }

  private static String rollback(UUID cycleId, String reason) {
    return "{\"cycleId\":\"" + cycleId + "\",\"reason\":\"" + reason + "\"}";
  }

  private static ValidatableResponse post(String path, Object id, String body) {
    return post(path, id, body, "corr-deployment-test");
  }

  private static ValidatableResponse post(
      String path, Object id, String body, String correlationId) {
    var request =
        given().contentType(ContentType.JSON).header("X-Correlation-Id", correlationId).body(body);
    return (id == null ? request.post(path) : request.post(path, id)).then();
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json");
  }
}
