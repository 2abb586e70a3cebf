package io.backtest.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.AuditApi;
import io.backtest.audit.AuditSamples;
import io.backtest.audit.KafkaTestBase;
import io.backtest.audit.TreeHeads;
import io.backtest.audit.log.Sha256;
import io.backtest.contracts.EventCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A row changed behind the service's back is found by verification, at its seq or head. */
@QuarkusTest
class TamperDetectionTest extends KafkaTestBase {

  /**
   * Rewrites a column of one entry as a superuser would: with the append-only trigger disabled
   * meanwhile.
   */
  private static void rewrite(long seq, String assignment) throws SQLException {
    try (Connection c = AuditApi.database()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("alter table audit_entry disable trigger audit_entry_append_only");
        assertThat(s.executeUpdate("update audit_entry set " + assignment + " where seq = " + seq))
            .isEqualTo(1);
        s.execute("alter table audit_entry enable trigger audit_entry_append_only");
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @Test
  void tamperedPayloadFailsVerificationAtItsSequence() throws SQLException {
    String symbol = "TMP" + UUID.randomUUID().toString().substring(0, 6);
    kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-tamper");
    Map<String, Object> entry = AuditApi.awaitSubject(symbol, 1).getFirst();
    long seq = ((Number) entry.get("seq")).longValue();
    assertThat(AuditApi.verify().getBoolean("valid")).isTrue();

    // one byte of the payload: close 187.25 becomes 287.25
    rewrite(seq, "payload = jsonb_set(payload, '{close}', '287.25')");
    JsonPath tampered;
    try {
      tampered = AuditApi.verify();
    } finally {
      rewrite(seq, "payload = jsonb_set(payload, '{close}', '187.25')");
    }

    assertThat(tampered.getBoolean("valid")).isFalse();
    assertThat(tampered.getLong("firstInvalidSeq")).isEqualTo(seq);
    assertThat(tampered.getString("reason"))
        .isEqualTo("stored leaf hash does not match the entry's content");
    assertThat(tampered.getMap("$")).doesNotContainKeys("treeSize", "rootHash");
    // restored, the log is whole again
    JsonPath restored = AuditApi.verify();
    assertThat(restored.getBoolean("valid")).isTrue();
    assertThat(restored.getLong("treeSize")).isGreaterThanOrEqualTo(seq);
  }

  @Test
  void rewrittenEntryWithItsLeafHashRecomputedFailsAtTheFirstSignedHeadOverIt()
      throws SQLException {
    String symbol = "TMQ" + UUID.randomUUID().toString().substring(0, 6);
    kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-tamper");
    Map<String, Object> entry = AuditApi.awaitSubject(symbol, 1).getFirst();
    long seq = ((Number) entry.get("seq")).longValue();
    await()
        .atMost(AuditApi.WAIT)
        .until(() -> TreeHeads.latest() != null && TreeHeads.latest().head().treeSize() >= seq);
    String originalLeaf = (String) entry.get("leafHash");
    String originalHash = (String) entry.get("hash");

    // a forger who also recomputes the leaf hash (and the chain hash) of the changed entry
    ObjectNode forged = (ObjectNode) TreeHeads.entry(seq);
    ((ObjectNode) forged.get("payload")).put("close", 287.25);
    Sha256 forgedLeaf = TreeHeads.leafHashOf(forged);
    Sha256 forgedHash = TreeHeads.chainHashOf(forged);
    rewrite(
        seq,
        "payload = jsonb_set(payload, '{close}', '287.25'), leaf_hash = decode('"
            + forgedLeaf.hex()
            + "', 'hex'), hash = decode('"
            + forgedHash.hex()
            + "', 'hex')");
    JsonPath tampered;
    try {
      tampered = AuditApi.verify();
    } finally {
      rewrite(
          seq,
          "payload = jsonb_set(payload, '{close}', '187.25'), leaf_hash = decode('"
              + originalLeaf
              + "', 'hex'), hash = decode('"
              + originalHash
              + "', 'hex')");
    }

    assertThat(tampered.getBoolean("valid")).as(tampered.prettify()).isFalse();
    // the entry itself is consistent now; what gives it away is the signed root over it (or the
    // next entry's link, should no head be signed before it)
    if (tampered.get("firstInvalidHead") != null) {
      assertThat(tampered.getLong("firstInvalidHead")).isGreaterThanOrEqualTo(seq);
      assertThat(tampered.getString("reason")).contains("signs root");
    } else {
      assertThat(tampered.getLong("firstInvalidSeq")).isEqualTo(seq + 1);
    }
    assertThat(AuditApi.verify().getBoolean("valid")).isTrue();
  }
}
