package io.backtest.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHeadSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export's lines: what is written is read back as it was, and nothing else is accepted. */
class ExportLinesTest {
  static final TestLog LOG = TestLog.of(5);
  static final TreeHeadSigner KEY = new TreeHeadSigner(Ed25519Keys.generate());

  @Test
  void everyKindOfLineReadsBackAsWritten() {
    SignedTreeHead head = LOG.head(KEY, 3, 1);
    List<Sha256> frontier = LOG.tree().frontier(3);

    assertThat(ExportLines.parse(ExportLines.start(4, 5, LOG.hashes.get(2), frontier)))
        .isEqualTo(new ExportLines.Start(4, 5, LOG.hashes.get(2), frontier));
    ExportLines.Entry entry =
        (ExportLines.Entry)
            ExportLines.parse(
                ExportLines.entry(LOG.entries.get(3), LOG.hashes.get(3), LOG.leaves.leafHash(3)));
    // the same JSON (numbers may come back as other node types of the same value)
    assertThat(entry.entry().canonicalJson()).isEqualTo(LOG.entries.get(3).canonicalJson());
    assertThat(entry.entry().seq()).isEqualTo(4);
    assertThat(entry.hash()).isEqualTo(LOG.hashes.get(3));
    assertThat(entry.leafHash()).isEqualTo(LOG.leaves.leafHash(3));
    assertThat(ExportLines.parse(ExportLines.head(head))).isEqualTo(new ExportLines.Head(head));
    List<Sha256> proof = LOG.tree().consistencyProof(3, 5).path();
    assertThat(ExportLines.parse(ExportLines.end(2, head, proof)))
        .isEqualTo(new ExportLines.End(2, head, proof));
    assertThat(ExportLines.parse(ExportLines.end(2, null, List.of())))
        .isEqualTo(new ExportLines.End(2, null, List.of()));
  }

  @Test
  void linesHaveTheDocumentedShape() {
    SignedTreeHead head = LOG.head(KEY, 3, 1);
    assertThat(ExportLines.start(1, 5, Sha256.ZERO, List.of()))
        .isEqualTo(
            "{\"kind\":\"start\",\"format\":\"backtest-audit-export/v1\",\"fromSeq\":1,"
                + "\"toSeq\":5,\"prevHash\":\""
                + "0".repeat(64)
                + "\",\"frontier\":[]}");
    assertThat(ExportLines.head(head))
        .isEqualTo(
            "{\"kind\":\"head\",\"treeSize\":3,\"rootHash\":\""
                + head.head().rootHash().hex()
                + "\",\"timestamp\":\"2026-01-05T10:01:00Z\",\"keyId\":\""
                + KEY.keyId()
                + "\",\"signature\":\""
                + java.util.Base64.getEncoder().encodeToString(head.signature())
                + "\"}");
  }

  @Test
  void theEntryMemberIsTheLeafItself() {
    String line = ExportLines.entry(LOG.entries.get(0), LOG.hashes.get(0), LOG.leaves.leafHash(0));
    String member =
        line.substring("{\"kind\":\"entry\",\"entry\":".length(), line.indexOf(",\"hash\":"));

    assertThat(MerkleHash.leafHash(member.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(LOG.leaves.leafHash(0));
  }

  @Test
  void anythingOutsideTheFormatIsRefused() {
    String entry = ExportLines.entry(LOG.entries.get(0), LOG.hashes.get(0), LOG.leaves.leafHash(0));
    assertThatThrownBy(
            () ->
                ExportLines.parse(
                    entry.replace("{\"kind\":\"entry\",", "{\"kind\":\"entry\",\"note\":1,")))
        .hasMessageContaining("unknown member \"note\"");
    assertThatThrownBy(
            () -> ExportLines.parse(entry.replace("\"entry\":{", "\"entry\":{\"extra\":true,")))
        .hasMessageContaining("entry has an unknown member \"extra\"");
    // the same instant, not written as the log hashes it
    assertThatThrownBy(
            () -> ExportLines.parse(entry.replace("10:00:01.123456Z", "10:00:01.123456000Z")))
        .hasMessageContaining("not in the log's canonical form");
    assertThatThrownBy(() -> ExportLines.parse(entry.replace("\"seq\":1,", "\"seq\":\"1\",")))
        .hasMessageContaining("seq must be an integer");
    assertThatThrownBy(
            () ->
                ExportLines.parse(
                    entry.replace(
                        "\"kind\":\"entry\",\"entry\"",
                        "\"kind\":\"entry\",\"kind\":\"head\",\"entry\"")))
        .hasMessageContaining("kind");
    assertThatThrownBy(() -> ExportLines.parse("{\"kind\":\"middle\"}"))
        .hasMessageContaining("unknown kind");
    assertThatThrownBy(
            () ->
                ExportLines.parse(
                    ExportLines.start(1, 5, Sha256.ZERO, List.of())
                        .replace("backtest-audit-export/v1", "backtest-audit-export/v2")))
        .hasMessageContaining("this verifier reads \"backtest-audit-export/v1\"");
    assertThatThrownBy(
            () ->
                ExportLines.parse(
                    ExportLines.start(1, 5, Sha256.ZERO, List.of()).replace("0000\"", "000A\"")))
        .hasMessageContaining("prevHash must be 64 lowercase hex digits");
  }
}
