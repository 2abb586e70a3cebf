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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database itself keeps the log append-only and linked, whoever writes SQL: the service's role
 * may not change it (permission denied), and the owner's changes are rejected by the triggers.
 */
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

  /** The partition that holds entry {@code seq}. */
  private static String partitionOf(long seq) throws SQLException {
    try (Connection c = AuditApi.database();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("select tableoid::regclass::text from audit_entry where seq = " + seq)) {
      assertThat(r.next()).isTrue();
      return r.getString(1);
    }
  }

  /** Runs {@code sql} as the service's role and answers the SQLSTATE it fails with. */
  private static String sqlStateAsService(String sql) {
    try (Connection c = AuditApi.databaseAsService();
        Statement s = c.createStatement()) {
      s.execute(sql);
      return "00000";
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  @Test
  void theServicesRoleHoldsNoUpdateDeleteOrTruncateOnTheLog() throws SQLException {
    long seq = recordedSeq();
    await().atMost(AuditApi.WAIT).until(() -> TreeHeads.latest() != null);
    String partition = partitionOf(seq);
    assertThat(partition).matches("audit_entry_y\\d{4}m\\d{2}");
    for (String table :
        List.of("audit_entry", partition, "audit_event_id", "merkle_node", "tree_head")) {
      String where = table.equals("merkle_node") ? "level = 1" : "true";
      assertThat(
              sqlStateAsService(
                  "update "
                      + table
                      + " set "
                      + firstColumn(table)
                      + " = "
                      + firstColumn(table)
                      + " where "
                      + where))
          .as("UPDATE %s", table)
          .isEqualTo(PERMISSION_DENIED);
      assertThat(sqlStateAsService("delete from " + table + " where " + where))
          .as("DELETE %s", table)
          .isEqualTo(PERMISSION_DENIED);
      assertThat(sqlStateAsService("truncate " + table))
          .as("TRUNCATE %s", table)
          .isEqualTo(PERMISSION_DENIED);
    }
    // what the service does need, it has
    assertThat(sqlStateAsService("select count(*) from " + partition)).isEqualTo("00000");
    assertThat(sqlStateAsService("select audit_ensure_partitions(1)")).isEqualTo("00000");
    // the owner's tools are not the service's
    assertThat(sqlStateAsService("select audit_partition_range(current_date)"))
        .isEqualTo(PERMISSION_DENIED);
    assertThat(sqlStateAsService("alter table " + partition + " disable trigger user"))
        .isEqualTo("42501");
    assertThat(sqlStateAsService("alter table audit_entry detach partition " + partition))
        .isEqualTo("42501");
  }

  @Test
  void theLeafHashFunctionFillsOnlyAMissingLeafHash() throws SQLException {
    long seq = recordedSeq();
    try (Connection c = AuditApi.databaseAsService();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select audit_fill_leaf_hash(" + seq + ", decode(repeat('00', 32), 'hex'))")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getBoolean(1)).isFalse();
    }
    assertThat(AuditApi.verify().getBoolean("valid")).isTrue();
  }

  @Test
  void truncatingOnePartitionIsRejectedEvenForTheOwner() throws SQLException {
    String partition = partitionOf(recordedSeq());
    assertThatThrownBy(() -> execute("truncate " + partition))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit_entry is append-only: TRUNCATE is not allowed");
    assertThatThrownBy(() -> execute("delete from " + partition))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit_entry is append-only: DELETE is not allowed");
    assertThatThrownBy(() -> execute("truncate audit_event_id"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("audit_event_id is append-only: TRUNCATE is not allowed");
  }

  private static final String PERMISSION_DENIED = "42501";

  private static String firstColumn(String table) {
    return switch (table) {
      case "merkle_node" -> "hash";
      case "tree_head" -> "signed_at";
      case "audit_event_id" -> "seq";
      default -> "summary";
    };
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
