package io.backtest.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.audit.AuditApi;
import io.backtest.audit.AuditSamples;
import io.backtest.audit.KafkaTestBase;
import io.backtest.contracts.EventCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A row changed behind the service's back is found by verification, at its seq. */
@QuarkusTest
class TamperDetectionTest extends KafkaTestBase {

  /** Rewrites a summary as a superuser would: with the append-only trigger disabled meanwhile. */
  private static void rewriteSummary(long seq, String summary) throws SQLException {
    try (Connection c = AuditApi.database()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          PreparedStatement update =
              c.prepareStatement("update audit_entry set summary = ? where seq = ?")) {
        s.execute("alter table audit_entry disable trigger audit_entry_append_only");
        update.setString(1, summary);
        update.setLong(2, seq);
        assertThat(update.executeUpdate()).isEqualTo(1);
        s.execute("alter table audit_entry enable trigger audit_entry_append_only");
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @Test
  void tamperedEntryFailsVerificationAtItsSequence() throws SQLException {
    String symbol = "TMP" + UUID.randomUUID().toString().substring(0, 6);
    kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-tamper");
    Map<String, Object> entry = AuditApi.awaitSubject(symbol, 1).getFirst();
    long seq = ((Number) entry.get("seq")).longValue();
    String original = (String) entry.get("summary");
    assertThat(AuditApi.verify().getBoolean("valid")).isTrue();

    rewriteSummary(seq, original.replace("close 187.25", "close 287.25"));
    JsonPath tampered;
    try {
      tampered = AuditApi.verify();
    } finally {
      rewriteSummary(seq, original);
    }

    assertThat(tampered.getBoolean("valid")).isFalse();
    assertThat(tampered.getLong("firstInvalidSeq")).isEqualTo(seq);
    assertThat(tampered.getString("reason")).isEqualTo("hash does not match the entry's content");
    assertThat(tampered.getMap("$")).doesNotContainKeys("entries", "headHash");
    // restored, the chain is whole again
    JsonPath restored = AuditApi.verify();
    assertThat(restored.getBoolean("valid")).isTrue();
    assertThat(restored.getLong("entries")).isGreaterThanOrEqualTo(seq);
  }
}
