package io.backtest.audit.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.AuditApi;
import io.backtest.audit.KafkaTestBase;
import io.backtest.audit.TreeHeads;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.KeyRing;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHeadChecker;
import io.backtest.audit.merkle.TreeHeadSigner;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.AuditCheckpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Merkle tree in the running service, against the real broker and database: heads signed at the
 * cadence, stored and published, and every proof checked the way an outside party does, with the
 * merkle package's client-side verifiers and only what the API and the topic hand out.
 */
@QuarkusTest
class TreeHeadTest extends KafkaTestBase {
  /** A second key pair (test-only), for the rotation. */
  private static final String KEY_B_PRIVATE =
      "MC4CAQAwBQYDK2VwBCIEINA6GyVqJaz1BeflZmlAUASZJtzKrYinGpIKHUHecTA8";

  private static final String KEY_B_PUBLIC =
      "MCowBQYDK2VwAyEAOqp5LLIa172azboNVgLpOy2IAK/vPMDrjBUmi1IQPHQ=";

  @Inject SigningKeys keys;
  @Inject AuditLogService service;

  private static JsonPath get(String path, Map<String, ?> query) {
    return given().queryParams(query).get(path).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void headsAreSignedStoredAndPublishedOnAuditCheckpoint() {
    List<Long> seqs = recordBars("CKP", 7);
    long last = seqs.stream().mapToLong(Long::longValue).max().orElseThrow();
    SignedTreeHead head = TreeHeads.awaitCovering(last);
    KeyRing published = TreeHeads.publishedKeys();

    assertThat(published.verify(head).valid()).isTrue();
    assertThat(head.head().keyId()).isEqualTo(keys.signer().keyId());
    // the same head, as an outside party reads it from the topic
    EventEnvelope<AuditCheckpoint> event =
        kafka
            .awaitEvents(
                EventCatalog.AUDIT_CHECKPOINT,
                e -> e.data().treeSize() == head.head().treeSize(),
                1,
                AuditApi.WAIT)
            .getFirst();
    assertThat(event.subject()).isEqualTo("audit-log");
    assertThat(event.source()).isEqualTo("/audit-service");
    assertThat(event.data().rootHash()).isEqualTo(head.head().rootHash().hex());
    assertThat(event.data().keyId()).isEqualTo(head.head().keyId());
    assertThat(event.data().timestamp()).isEqualTo(head.head().timestamp());
    assertThat(Base64.getDecoder().decode(event.data().signature())).isEqualTo(head.signature());
    // and the log records its own checkpoints like any event
    List<Map<String, Object>> recorded = AuditApi.awaitSubject("audit-log", 1);
    assertThat(recorded.getFirst().get("type")).isEqualTo("io.backtest.audit.checkpoint");
    assertThat((String) recorded.getFirst().get("summary")).startsWith("Tree head signed: ");
  }

  @Test
  void anAppendThatReachesTheCountStoresItsHeadInTheSameTransaction() throws Throwable {
    // six entries in one append, the cadence being five: the head of the tree it leaves is due
    List<ReceivedEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ObjectNode payload = JsonNodeFactory.instance.objectNode().put("n", i);
      events.add(
          new ReceivedEvent(
              UUID.randomUUID(),
              "io.test.cadence",
              "/tree-head-test",
              "cadence",
              "corr-cadence-" + i,
              null,
              Instant.now().truncatedTo(ChronoUnit.MICROS),
              "tree-head.test",
              0,
              i,
              payload,
              "cadence entry " + i));
    }
    List<AuditEntry> appended =
        VertxContextSupport.subscribeAndAwait(() -> service.appendAll(events));
    long size = appended.getLast().seq;

    // stored when the append returns, no wait: it committed with the entries
    try (Connection c = AuditApi.database();
        PreparedStatement s =
            c.prepareStatement("select key_id from tree_head where tree_size = ?")) {
      s.setLong(1, size);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a head of tree size %d", size).isTrue();
        assertThat(rs.getString(1)).isEqualTo(keys.signer().keyId());
      }
    }
    // and it is the head of that tree: verification recomputes the root of every stored head
    assertThat(AuditApi.verify().getBoolean("valid")).isTrue();
  }

  @Test
  void inclusionProofsOfRandomEntriesVerifyAgainstTheSignedHead() {
    recordBars("INC", 6);
    SignedTreeHead head = TreeHeads.awaitCovering(1);
    long size = head.head().treeSize();
    TreeHeadChecker client = new TreeHeadChecker(TreeHeads.publishedKeys());
    assertThat(client.update(head, List.of()).valid()).isTrue();

    Random random = new Random(7);
    List<Long> seqs = new ArrayList<>(List.of(1L, size));
    for (int i = 0; i < 8; i++) {
      seqs.add(1 + (long) random.nextInt((int) size));
    }
    for (long seq : seqs) {
      JsonPath proof = get("/api/v1/audit/proofs/inclusion", Map.of("seq", seq, "treeSize", size));
      JsonNode entry = TreeHeads.entry(seq);
      Sha256 leafHash = TreeHeads.leafHashOf(entry);
      assertThat(proof.getString("leafHash")).isEqualTo(leafHash.hex());
      assertThat(entry.get("leafHash").textValue()).isEqualTo(leafHash.hex());
      assertThat(proof.getLong("leafIndex")).isEqualTo(seq - 1);
      assertThat(proof.getLong("treeSize")).isEqualTo(size);
      assertThat(TreeHeads.head(proof.getMap("treeHead"))).isEqualTo(head);
      List<byte[]> path = TreeHeads.path(proof.getList("path"));
      assertThat(client.verifyInclusion(seq - 1, leafHash, path).valid())
          .as("inclusion of %d in %d", seq, size)
          .isTrue();
      // the proof is for this entry only
      if (size > 1) {
        long other = seq == 1 ? 1 : seq - 2;
        assertThat(client.verifyInclusion(other, leafHash, path).valid()).isFalse();
      }
    }
    // without treeSize: against the latest head
    JsonPath latest = get("/api/v1/audit/proofs/inclusion", Map.of("seq", 1));
    assertThat(latest.getLong("treeSize")).isGreaterThanOrEqualTo(size);
    assertThat(latest.getMap("treeHead")).isNotNull();
  }

  @Test
  void consistencyProofBetweenTwoHeadsVerifiesAndAForgedOneDoesNot() {
    recordBars("CON", 3);
    SignedTreeHead first = TreeHeads.awaitCovering(1);
    List<Long> later = recordBars("CON", 6);
    SignedTreeHead second =
        TreeHeads.awaitCovering(Math.max(first.head().treeSize() + 1, later.getLast()));

    JsonPath proof =
        get(
            "/api/v1/audit/proofs/consistency",
            Map.of("first", first.head().treeSize(), "second", second.head().treeSize()));
    assertThat(TreeHeads.head(proof.getMap("firstHead"))).isEqualTo(first);
    assertThat(TreeHeads.head(proof.getMap("secondHead"))).isEqualTo(second);
    List<byte[]> path = TreeHeads.path(proof.getList("path"));

    TreeHeadChecker client = new TreeHeadChecker(TreeHeads.publishedKeys());
    assertThat(client.update(first, List.of()).valid()).isTrue();
    List<byte[]> forged = new ArrayList<>(path);
    byte[] flipped = forged.getFirst().clone();
    flipped[0] ^= 1;
    forged.set(0, flipped);
    assertThat(client.update(second, forged).valid()).isFalse();
    assertThat(client.update(second, path).valid()).isTrue();
    assertThat(client.latest()).contains(second);
  }

  @Test
  void rotatedKeySignsNewHeadsWhileOldHeadsStillVerify() {
    recordBars("ROT", 2);
    SignedTreeHead old = TreeHeads.awaitCovering(1);
    String keyA = keys.signer().keyId();
    assertThat(old.head().keyId()).isEqualTo(keyA);
    TreeHeadSigner previous = keys.signer();
    TreeHeadSigner keyB = TreeHeadSigner.fromEncoded(KEY_B_PRIVATE, KEY_B_PUBLIC);
    keys.rotateTo(keyB);
    try {
      List<Long> seqs = recordBars("ROT", 2);
      SignedTreeHead rotated = TreeHeads.awaitCovering(seqs.getLast());
      assertThat(rotated.head().keyId()).isEqualTo(keyB.keyId()).isNotEqualTo(keyA);

      JsonPath published = get("/api/v1/audit/public-keys", Map.of());
      assertThat(published.getString("currentKeyId")).isEqualTo(keyB.keyId());
      assertThat(published.getMap("keys"))
          .containsEntry(keyB.keyId(), KEY_B_PUBLIC)
          .containsEntry(keyA, Ed25519Keys.encode(previous.publicKey()));
      KeyRing ring = TreeHeads.publishedKeys();
      assertThat(ring.verify(old).valid()).isTrue();
      assertThat(ring.verify(rotated).valid()).isTrue();
      // a verifier that never learnt of the new key refuses the new heads, not the old ones
      assertThat(KeyRing.of(previous.publicKey()).verify(rotated).valid()).isFalse();
      assertThat(KeyRing.of(previous.publicKey()).verify(old).valid()).isTrue();

      JsonPath verification = AuditApi.verify();
      assertThat(verification.getBoolean("valid")).as(verification.prettify()).isTrue();
      assertThat(verification.getInt("signedHeads")).isGreaterThanOrEqualTo(2);
    } finally {
      keys.rotateTo(previous);
    }
  }

  @Test
  void anIdleLogSignsNoHeadForItsOwnCheckpointsAlone() throws Exception {
    recordBars("IDL", 1);
    // wait until the log is quiet (events of earlier tests may still arrive) and the latest
    // head's own checkpoint entry is in it
    long[] seen = {-1};
    await()
        .atMost(AuditApi.WAIT)
        .pollInterval(Duration.ofMillis(1_500))
        .until(
            () -> {
              long total = AuditApi.entries(Map.of()).getLong("total");
              boolean quiet = total == seen[0];
              seen[0] = total;
              SignedTreeHead head = TreeHeads.latest();
              String root = head.head().rootHash().hex();
              return quiet
                  && AuditApi.entries(Map.of("subject", "audit-log", "size", 100))
                      .getList("items", Map.class)
                      .stream()
                      .anyMatch(e -> ((String) e.get("summary")).contains(root));
            });
    SignedTreeHead before = TreeHeads.latest();
    long entriesBefore = AuditApi.entries(Map.of()).getLong("total");
    // three times the test cadence (1 s) without any other event
    Thread.sleep(3_500);
    assertThat(TreeHeads.latest()).isEqualTo(before);
    assertThat(AuditApi.entries(Map.of()).getLong("total")).isEqualTo(entriesBefore);
    // the head covers everything but its own checkpoint entries
    assertThat(before.head().treeSize()).isLessThan(entriesBefore);
  }

  @Test
  void verificationRecomputesTheTreeAndChecksEverySignedHead() {
    recordBars("VER", 2);
    SignedTreeHead head = TreeHeads.awaitCovering(1);
    JsonPath verification = AuditApi.verify();
    assertThat(verification.getBoolean("valid")).as(verification.prettify()).isTrue();
    long treeSize = verification.getLong("treeSize");
    assertThat(treeSize).isGreaterThanOrEqualTo(head.head().treeSize());
    assertThat(verification.getInt("signedHeads")).isGreaterThanOrEqualTo(1);
    // the reported root is the root of that many entries: a proof of its own size says so
    JsonPath proof =
        get("/api/v1/audit/proofs/inclusion", Map.of("seq", treeSize, "treeSize", treeSize));
    Sha256 leaf = Sha256.fromHex(proof.getString("leafHash"));
    var inclusion =
        new io.backtest.audit.merkle.InclusionProof(
            treeSize - 1,
            treeSize,
            proof.getList("path", String.class).stream().map(Sha256::fromHex).toList());
    assertThat(inclusion.verify(leaf, Sha256.fromHex(verification.getString("rootHash"))).valid())
        .isTrue();
    assertThat(HexFormat.of().parseHex(verification.getString("rootHash"))).hasSize(32);
  }

  private static Map<String, String> rows(String query) throws java.sql.SQLException {
    Map<String, String> rows = new java.util.TreeMap<>();
    try (java.sql.Connection c = AuditApi.database();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet r = st.executeQuery(query)) {
      while (r.next()) {
        rows.put(r.getString(1), r.getString(2));
      }
    }
    return rows;
  }

  @Test
  void entriesWithoutLeafHashesGetThemAndTheirSubtreesBeforeTheNextAppend() throws Exception {
    recordBars("BFL", 3);
    String nodes = "select level || ':' || idx, encode(hash, 'hex') from merkle_node";
    String leaves = "select seq::text, encode(leaf_hash, 'hex') from audit_entry";
    Map<String, String> nodesBefore;
    Map<String, String> leavesBefore;
    long from;
    // as an older log would be: the last entries without leaf hashes or subtrees
    try (java.sql.Connection c = AuditApi.database()) {
      c.setAutoCommit(false);
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("select pg_advisory_xact_lock(" + 0x6175646974L + ")");
        nodesBefore = rows(nodes);
        leavesBefore = rows(leaves);
        from = leavesBefore.size() - 2L;
        st.execute("alter table audit_entry disable trigger audit_entry_append_only");
        st.execute("alter table merkle_node disable trigger merkle_node_append_only");
        st.execute("update audit_entry set leaf_hash = null where seq >= " + from);
        st.execute(
            "delete from merkle_node where (idx + 1) * (1::bigint << level) > " + (from - 1));
        st.execute("alter table audit_entry enable trigger audit_entry_append_only");
        st.execute("alter table merkle_node enable trigger merkle_node_append_only");
        c.commit();
      }
    }
    assertThat(rows(leaves).values()).containsNull();

    recordBars("BFL", 1);

    Map<String, String> leavesAfter = rows(leaves);
    assertThat(leavesAfter).containsAllEntriesOf(leavesBefore);
    assertThat(rows(nodes)).containsAllEntriesOf(nodesBefore);
    JsonPath verification = AuditApi.verify();
    assertThat(verification.getBoolean("valid")).as(verification.prettify()).isTrue();
    assertThat(from).isGreaterThan(0);
  }
}
