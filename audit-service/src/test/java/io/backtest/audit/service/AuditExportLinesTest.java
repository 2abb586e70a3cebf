package io.backtest.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.StoredTreeHead;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.mapping.TreeHeadMapper;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lines of one page of an export, where the log is long (sizes beyond the small boxed ones).
 */
class AuditExportLinesTest {
  @Test
  void aHeadFollowsTheEntryAtItsSizeHoweverLargeTheSize() {
    AuditEntry first = row(1_000);
    AuditEntry second = row(1_001);
    StoredTreeHead head =
        TreeHeadMapper.toRow(
            new SignedTreeHead(
                new TreeHead(
                    1_000,
                    Sha256.digest(new byte[] {1}),
                    Instant.ofEpochMilli(1_700_000_000_000L),
                    "0123456789abcdef"),
                new byte[64]));
    // distinct boxes of equal values, as rows and heads read from the database are
    head.treeSize = Long.valueOf(1_000);
    first.seq = Long.valueOf(1_000);

    List<String> lines =
        AuditExportService.lines(List.of(first, second), List.of(head)).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"kind\":\"entry\"").contains("\"seq\":1000");
    assertThat(lines.get(1)).contains("\"kind\":\"head\"").contains("\"treeSize\":1000");
    assertThat(lines.get(2)).contains("\"kind\":\"entry\"").contains("\"seq\":1001");
  }

  private static AuditEntry row(long seq) {
    LogEntry entry =
        new LogEntry(
            seq,
            UUID.randomUUID(),
            "io.backtest.cycle.started",
            "strategy-service",
            "cycle-1",
            null,
            null,
            Instant.parse("2026-11-26T10:00:00Z"),
            Instant.parse("2026-11-26T10:00:01Z"),
            "cycle.started",
            0,
            seq,
            JsonNodeFactory.instance.objectNode().put("n", seq),
            "Cycle started",
            Sha256.ZERO);
    byte[] leaf = entry.canonicalJson().getBytes(StandardCharsets.UTF_8);
    AuditEntry row = AuditEntryMapper.toRow(entry, Sha256.digest(leaf));
    row.leafHash = MerkleHash.leafHash(leaf).bytes();
    return row;
  }
}
