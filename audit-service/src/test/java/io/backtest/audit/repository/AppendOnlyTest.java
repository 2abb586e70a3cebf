package io.backtest.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.backtest.audit.AuditApi;
import io.backtest.audit.AuditSamples;
import io.backtest.audit.TreeHeads;
import io.backtest.contracts.EventCatalog;
import io.backtest.support.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The database itself keeps the log append-only and linked, whoever writes SQL. */
@QuarkusTest
class AppendOnlyTest {
  private static Long recorded;

  /** The seq of an entry recorded for this class (rest-assured is set up per test, not before). */
  private static synchronized long recordedSeq() {
    if (recorded != null) {
      return recorded;
    }
    String symbol = "AO" + UUID.randomUUID().toString().substring(0, 6);
    try (TestKafka kafka = TestKafka.fromConfig()) {
      kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-ao");
    }
    recorded = ((Number) AuditApi.awaitSubject(symbol, 1).getFirst().get("seq")).longValue();
    return recorded;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = AuditApi.database();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void updateIsRejected() {
    long seq = recordedSeq();
    assertThatThrownBy(
            () -> execute("update audit_entry set summary = 'rewritten' where seq = " + seq))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
  }

  @Test
  void deleteIsRejected() {
    long seq = recordedSeq();
    assertThatThrownBy(() -> execute("delete from audit_entry where seq = " + seq))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit_entry is append-only: DELETE is not allowed");
  }

  @Test
  void truncateIsRejected() {
    recordedSeq();
    assertThatThrownBy(() -> execute("truncate audit_entry"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit_entry is append-only: TRUNCATE is not allowed");
  }

  @Test
  void insertThatDoesNotExtendTheChainIsRejected() throws SQLException {
    String sql =
        "insert into audit_entry (seq, event_id, type, source, ingested_at, topic,"
            + " record_partition, record_offset, payload, summary, prev_hash, hash)"
            + " values (?, ?, 'io.test.forged', '/forger', now(), 'forged.entry', 0, 0,"
            + " '{}'::jsonb, 'forged', ?, ?)";
    try (Connection c = AuditApi.database();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, 1_000_000_000L);
      s.setObject(2, UUID.randomUUID());
      s.setBytes(3, new byte[32]);
      s.setBytes(4, new byte[32]);

      assertThatThrownBy(s::executeUpdate)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("does not extend the chain");
    }
    assertThat(AuditApi.entries(Map.of("type", "io.test.forged")).getLong("total")).isZero();
  }

  @Test
  void aLeafHashCannotBeRewritten() {
    long seq = recordedSeq();
    assertThatThrownBy(
            () ->
                execute(
                    "update audit_entry set leaf_hash = decode(repeat('00', 32), 'hex')"
                        + " where seq = "
                        + seq))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
  }

  @Test
  void storedSubtreesAndSignedHeadsAreAppendOnly() {
    recordedSeq();
    await().atMost(AuditApi.WAIT).until(() -> TreeHeads.latest() != null);
    for (String table : List.of("merkle_node", "tree_head")) {
      assertThatThrownBy(() -> execute("delete from " + table))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(table + " is append-only: DELETE is not allowed");
      assertThatThrownBy(() -> execute("truncate " + table))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(table + " is append-only: TRUNCATE is not allowed");
    }
    assertThatThrownBy(() -> execute("update merkle_node set hash = hash"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("merkle_node is append-only: UPDATE is not allowed");
    assertThatThrownBy(() -> execute("update tree_head set signed_at = now()"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("tree_head is append-only: UPDATE is not allowed");
  }
}
