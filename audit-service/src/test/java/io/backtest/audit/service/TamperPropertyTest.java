package io.backtest.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.AuditApi;
import io.backtest.audit.domain.AuditEntry;
import io.backtest.audit.domain.ReceivedEvent;
import io.backtest.audit.log.CanonicalJson;
import io.backtest.audit.log.HashChain;
import io.backtest.audit.log.LogEntry;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.mapping.AuditEntryMapper;
import io.backtest.audit.merkle.MerkleHash;
import io.backtest.audit.service.AuditLogService.LogVerification;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Tampering with the stored log, case after case on the real database, is always found at the first
 * entry it affects.
 *
 * <p>A random log is appended through the service; then each case changes the stored rows directly
 * in PostgreSQL, as the owner with the triggers bypassed ({@code session_replication_role =
 * replica}), runs the service's verification, and restores the exact original rows from a snapshot.
 * The mutations:
 *
 * <ul>
 *   <li>one byte of one column of one entry: any column (the content, {@code seq}, {@code
 *       prev_hash}, {@code hash}, {@code leaf_hash}), one byte of the UTF-8 of a text, of the bytes
 *       of a hash or id, of a number or of a time's microseconds, or of the payload's JSON text (a
 *       change that leaves valid JSON with another canonical form);
 *   <li>one entry deleted;
 *   <li>two entries exchanging their positions (their {@code seq});
 *   <li>a forged entry inserted at position k, the entries from k on shifted by one: either naive
 *       (stored hashes that do not match it) or consistent (its leaf hash and hash computed, linked
 *       to entry k - 1).
 * </ul>
 *
 * <p>The rule, for a mutation whose first affected position is k (for a seq changed from k to k',
 * the smaller of the two): verification is invalid and names {@code firstInvalidSeq == k}, with two
 * exceptions that the database alone cannot reveal and only signed heads can:
 *
 * <ul>
 *   <li>the last entry deleted: found (as {@code firstInvalidSeq == k}) only when a signed head
 *       covers it; after the last head the log is simply shorter, and verification is valid;
 *   <li>a consistent forged entry at k: the entry itself checks out, so the first failure is the
 *       head of size k when one was signed ({@code firstInvalidHead == k}), else entry k + 1 whose
 *       position changed ({@code firstInvalidSeq == k + 1}); forged at the end of the log (k = n +
 *       1), it is an append and verification is valid.
 * </ul>
 *
 * The seed is printed in every failure message; set {@code -Daudit.tamper.seed=...} to replay.
 * Appends are held off meanwhile (the test holds the append lock), so no head is signed over a
 * forged row.
 */
@QuarkusTest
class TamperPropertyTest {
  private static final int ENTRIES = 150;
  private static final int CASES = 2_000;

  /** Verification reads the whole log in one page: the cases stay fast. */
  private static final int PAGE_SIZE = 100_000;

  private static final long APPEND_LOCK_KEY = 0x6175646974L;
  private static final List<String> COLUMNS =
      List.of(
          "seq",
          "event_id",
          "type",
          "source",
          "subject",
          "correlation_id",
          "causation_id",
          "event_time",
          "ingested_at",
          "topic",
          "record_partition",
          "record_offset",
          "payload",
          "summary",
          "prev_hash",
          "hash",
          "leaf_hash");

  @Inject AuditLogService service;

  private final long seed = Long.getLong("audit.tamper.seed", new SecureRandom().nextLong());
  private final Random random = new Random(seed);

  /** The rows as they were before any case, by seq. */
  private final Map<Long, AuditEntry> original = new TreeMap<>();

  private final TreeSet<Long> headSizes = new TreeSet<>();
  private long size;

  /** A mutation applied: what it did, the positions to restore, and the verdict it must get. */
  private record Mutation(
      String kind, String description, List<Long> affected, Expected expected) {}

  /** valid, or the first invalid entry, or the first invalid head (its tree size). */
  private record Expected(boolean valid, Long seq, Long head) {
    static Expected entry(long seq) {
      return new Expected(false, seq, null);
    }

    static Expected head(long treeSize) {
      return new Expected(false, null, treeSize);
    }

    static Expected stillValid() {
      return new Expected(true, null, null);
    }
  }

  @Test
  void everyTamperingIsFoundAtTheFirstEntryItAffects() throws Throwable {
    appendRandomLog();
    awaitQuiet();
    try (Connection lock = AuditApi.database();
        Connection owner = AuditApi.database()) {
      // held until the connection closes: appends and head signing wait meanwhile
      execute(lock, "select pg_advisory_lock(" + APPEND_LOCK_KEY + ")");
      execute(owner, "drop table if exists tamper_snapshot");
      execute(owner, "create table tamper_snapshot as select * from audit_entry");
      try {
        load(owner);
        assertIntact(owner, "before any case");
        runCases(owner);
      } finally {
        // whatever happened, the log leaves as it came
        owner.setAutoCommit(false);
        execute(owner, "set local session_replication_role = replica");
        execute(owner, "delete from audit_entry");
        execute(owner, "insert into audit_entry select * from tamper_snapshot");
        execute(owner, "drop table tamper_snapshot");
        owner.commit();
      }
    }
  }

  private void runCases(Connection owner) throws Throwable {
    Map<String, Integer> kinds = new TreeMap<>();
    long[] nanos = new long[3];
    owner.setAutoCommit(false);
    for (int i = 0; i < CASES; i++) {
      long start = System.nanoTime();
      Mutation mutation = null;
      while (mutation == null) {
        mutation = tryMutation(owner);
      }
      kinds.merge(mutation.kind(), 1, Integer::sum);
      String context = "seed " + seed + ", case " + i + ": " + mutation.description();
      long mutated = System.nanoTime();
      LogVerification verdict = verify();
      long verified = System.nanoTime();
      nanos[0] += mutated - start;
      nanos[1] += verified - mutated;
      Expected expected = mutation.expected();
      assertThat(verdict.valid()).as(context + " -> " + verdict).isEqualTo(expected.valid());
      if (!expected.valid()) {
        assertThat(verdict.firstInvalidSeq())
            .as(context + " -> " + verdict)
            .isEqualTo(expected.seq());
        assertThat(verdict.firstInvalidHead())
            .as(context + " -> " + verdict)
            .isEqualTo(expected.head());
      }
      long restoring = System.nanoTime();
      restore(owner, mutation.affected());
      nanos[2] += System.nanoTime() - restoring;
      if (i % 200 == 199) {
        assertIntact(owner, "seed " + seed + ", after case " + i);
        // the restored rows leave dead tuples behind: keep the table as small as the log
        owner.setAutoCommit(true);
        execute(owner, "vacuum analyze audit_entry");
        owner.setAutoCommit(false);
      }
    }
    assertIntact(owner, "seed " + seed + ", after all cases");
    System.out.printf(
        "tamper property: seed %d, %d cases over %d entries and %d heads: %s;"
            + " per case %.1f ms to tamper, %.1f ms to verify, %.1f ms to restore%n",
        seed,
        CASES,
        size,
        headSizes.size(),
        kinds,
        nanos[0] / 1e6 / CASES,
        nanos[1] / 1e6 / CASES,
        nanos[2] / 1e6 / CASES);
    // every kind of mutation was exercised many times
    assertThat(kinds.keySet())
        .as("seed %d: %s", seed, kinds)
        .containsAll(List.of("delete", "swap", "insert naive", "insert consistent"))
        .containsAll(COLUMNS.stream().map(c -> "byte " + c).toList());
    assertThat(kinds.values()).as("seed %d: %s", seed, kinds).allMatch(n -> n >= 25);
  }

  /** One random mutation, committed; null when it did not apply (then another is drawn). */
  private Mutation tryMutation(Connection owner) throws SQLException {
    try (Statement s = owner.createStatement()) {
      s.execute("set local session_replication_role = replica");
      int draw = random.nextInt(100);
      Mutation mutation;
      if (draw < 55) {
        // a column can be null or without a byte to change in some entries: another entry then
        String column = COLUMNS.get(random.nextInt(COLUMNS.size()));
        mutation = null;
        for (int attempt = 0; mutation == null && attempt < 50; attempt++) {
          mutation = byteChange(owner, randomSeq(), column);
        }
      } else if (draw < 70) {
        mutation = delete(owner, randomSeq());
      } else if (draw < 82) {
        mutation = swap(owner);
      } else {
        mutation = insert(owner, random.nextBoolean());
      }
      if (mutation == null) {
        owner.rollback();
      } else {
        owner.commit();
      }
      return mutation;
    } catch (SQLException e) {
      // a change the table's constraints refuse (a seq below 1, a duplicate key): draw another
      owner.rollback();
      return null;
    }
  }

  private long randomSeq() {
    return 1 + (long) random.nextInt((int) size);
  }

  private Mutation byteChange(Connection owner, long seq, String column) throws SQLException {
    AuditEntry row = original.get(seq);
    String what = "byte of " + column + " of entry " + seq;
    switch (column) {
      case "prev_hash", "hash", "leaf_hash" -> {
        int index = random.nextInt(32);
        int mask = 1 + random.nextInt(255);
        update(
            owner,
            "update audit_entry set %s = set_byte(%s, %d, get_byte(%s, %d) # %d) where seq = %d"
                .formatted(column, column, index, column, index, mask, seq));
        return changed(column, what + " [" + index + "] ^ " + mask, seq, seq);
      }
      case "event_id" -> {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(row.eventId.getMostSignificantBits());
        bytes.putLong(row.eventId.getLeastSignificantBits());
        byte[] array = bytes.array();
        array[random.nextInt(16)] ^= (byte) (1 + random.nextInt(255));
        ByteBuffer changed = ByteBuffer.wrap(array);
        UUID id = new UUID(changed.getLong(), changed.getLong());
        update(owner, "update audit_entry set event_id = ? where seq = " + seq, id);
        return changed(column, what + " -> " + id, seq, seq);
      }
      case "type", "source", "subject", "correlation_id", "causation_id", "topic", "summary" -> {
        String value = text(row, column);
        String changed = value == null ? null : changeAsciiByte(value);
        if (changed == null) {
          return null;
        }
        update(owner, "update audit_entry set " + column + " = ? where seq = " + seq, changed);
        return changed(column, what + ": '" + value + "' -> '" + changed + "'", seq, seq);
      }
      case "payload" -> {
        String changed = changePayloadByte(row.payload);
        if (changed == null) {
          return null;
        }
        update(
            owner, "update audit_entry set payload = cast(? as jsonb) where seq = " + seq, changed);
        return changed(column, what + ": " + changed, seq, seq);
      }
      case "event_time", "ingested_at" -> {
        Instant value = column.equals("event_time") ? row.eventTime : row.ingestedAt;
        if (value == null) {
          return null;
        }
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, value);
        micros ^= (long) (1 + random.nextInt(255)) << (8 * random.nextInt(5));
        Instant changed = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        update(
            owner,
            "update audit_entry set " + column + " = ? where seq = " + seq,
            OffsetDateTime.ofInstant(changed, ZoneOffset.UTC));
        return changed(column, what + ": " + value + " -> " + changed, seq, seq);
      }
      case "record_partition" -> {
        int changed = row.partition ^ ((1 + random.nextInt(255)) << (8 * random.nextInt(4)));
        update(owner, "update audit_entry set record_partition = ? where seq = " + seq, changed);
        return changed(column, what + ": " + row.partition + " -> " + changed, seq, seq);
      }
      case "record_offset" -> {
        long changed = row.offset ^ ((long) (1 + random.nextInt(255)) << (8 * random.nextInt(8)));
        update(owner, "update audit_entry set record_offset = ? where seq = " + seq, changed);
        return changed(column, what + ": " + row.offset + " -> " + changed, seq, seq);
      }
      case "seq" -> {
        long changed = seq ^ ((long) (1 + random.nextInt(255)) << (8 * random.nextInt(3)));
        update(owner, "update audit_entry set seq = ? where seq = " + seq, changed);
        return changed(column, what + ": " + seq + " -> " + changed, seq, changed);
      }
      default -> throw new IllegalArgumentException(column);
    }
  }

  /** A changed entry: found at the first of the positions it touched. */
  private static Mutation changed(String column, String description, long seq, long other) {
    return new Mutation(
        "byte " + column,
        description,
        seq == other ? List.of(seq) : List.of(seq, other),
        Expected.entry(Math.min(seq, other)));
  }

  private Mutation delete(Connection owner, long seq) throws SQLException {
    update(owner, "delete from audit_entry where seq = " + seq);
    boolean coveredByAHead = !headSizes.isEmpty() && headSizes.last() >= seq;
    Expected expected = seq < size || coveredByAHead ? Expected.entry(seq) : Expected.stillValid();
    return new Mutation("delete", "entry " + seq + " deleted", List.of(seq), expected);
  }

  private Mutation swap(Connection owner) throws SQLException {
    long a = randomSeq();
    long b = randomSeq();
    if (a == b) {
      return null;
    }
    long first = Math.min(a, b);
    long second = Math.max(a, b);
    update(
        owner,
        "update audit_entry set seq = case seq when %d then %d else %d end where seq in (%d, %d)"
            .formatted(first, second, first, first, second));
    return new Mutation(
        "swap",
        "entries " + first + " and " + second + " swapped",
        List.of(first, second),
        Expected.entry(first));
  }

  /**
   * A forged entry at position k, the entries from k on shifted by one. Consistent: its leaf hash
   * and hash are computed and it links to entry k - 1; k is then often a signed head's size.
   */
  private Mutation insert(Connection owner, boolean consistent) throws SQLException {
    long k;
    if (consistent && !headSizes.isEmpty() && random.nextInt(3) == 0) {
      List<Long> sizes = new ArrayList<>(headSizes);
      k = sizes.get(random.nextInt(sizes.size()));
    } else {
      k = 1 + (long) random.nextInt((int) size + 1);
    }
    AuditEntry model = original.get(randomSeq());
    AuditEntry forged = copy(model);
    forged.seq = k;
    forged.eventId = new UUID(random.nextLong(), random.nextLong());
    forged.summary = "forged entry " + random.nextInt(1_000_000);
    forged.prevHash = k == 1 ? Sha256.ZERO.bytes() : original.get(k - 1).hash;
    Expected expected;
    if (consistent) {
      LogEntry entry = AuditEntryMapper.toLogEntry(forged);
      forged.hash = HashChain.hash(entry).bytes();
      forged.leafHash =
          MerkleHash.leafHash(entry.canonicalJson().getBytes(StandardCharsets.UTF_8)).bytes();
      expected =
          headSizes.contains(k)
              ? Expected.head(k)
              : k <= size ? Expected.entry(k + 1) : Expected.stillValid();
    } else {
      // the stored hashes of the entry it takes the place of
      AuditEntry displaced = original.getOrDefault(k, model);
      forged.hash = displaced.hash;
      forged.leafHash = displaced.leafHash;
      expected = Expected.entry(k);
    }
    // none to shift when the forged entry goes at the end
    execute(owner, "update audit_entry set seq = seq + 1 where seq >= " + k);
    insertRow(owner, forged);
    return new Mutation(
        consistent ? "insert consistent" : "insert naive",
        (consistent ? "consistent" : "naive") + " forged entry inserted at " + k,
        LongStream.rangeClosed(k, size + 1).boxed().toList(),
        expected);
  }

  /** Puts back the original rows at {@code positions}, removing whatever holds them now. */
  private void restore(Connection owner, List<Long> positions) throws SQLException {
    try (Statement s = owner.createStatement();
        PreparedStatement delete =
            owner.prepareStatement("delete from audit_entry where seq = any(?)");
        PreparedStatement insert =
            owner.prepareStatement(
                "insert into audit_entry select * from tamper_snapshot where seq = any(?)")) {
      s.execute("set local session_replication_role = replica");
      var array = owner.createArrayOf("bigint", positions.toArray());
      delete.setArray(1, array);
      delete.executeUpdate();
      insert.setArray(1, array);
      insert.executeUpdate();
      owner.commit();
    } catch (SQLException | RuntimeException e) {
      owner.rollback();
      throw e;
    }
  }

  /** The stored log is the snapshot again, row for row, and verifies. */
  private void assertIntact(Connection owner, String context) throws Throwable {
    try (Statement s = owner.createStatement();
        ResultSet r =
            s.executeQuery(
                "select (select count(*) from (table audit_entry except all table tamper_snapshot) a)"
                    + " + (select count(*) from (table tamper_snapshot except all table audit_entry) b)")) {
      r.next();
      assertThat(r.getLong(1)).as(context + ": rows differing from the snapshot").isZero();
    }
    if (!owner.getAutoCommit()) {
      owner.commit();
    }
    LogVerification verdict = verify();
    assertThat(verdict.valid()).as(context + " -> " + verdict).isTrue();
    assertThat(verdict.treeSize()).as(context).isEqualTo(size);
  }

  private LogVerification verify() throws Throwable {
    return VertxContextSupport.subscribeAndAwait(() -> service.verify(PAGE_SIZE));
  }

  // --- the random log ---------------------------------------------------------------------------

  private void appendRandomLog() throws Throwable {
    for (int i = 0; i < ENTRIES; i++) {
      ReceivedEvent event = randomEvent(i);
      VertxContextSupport.subscribeAndAwait(() -> service.append(event));
    }
  }

  private ReceivedEvent randomEvent(int i) {
    String[] types = {
      "io.test.tamper.order-placed",
      "io.test.tamper.fill",
      "io.test.tamper.ünïcode",
      "io.test.tamper.promoted"
    };
    Instant eventTime =
        random.nextInt(5) == 0
            ? null
            : Instant.now()
                .minusMillis(random.nextInt(1_000_000_000))
                .truncatedTo(ChronoUnit.MICROS);
    return new ReceivedEvent(
        new UUID(random.nextLong(), random.nextLong()),
        types[random.nextInt(types.length)],
        "/tamper-property/" + random.nextInt(7),
        random.nextInt(6) == 0 ? null : "SYM" + random.nextInt(50),
        random.nextInt(6) == 0 ? null : "corr-" + Long.toHexString(random.nextLong()),
        random.nextInt(2) == 0 ? null : "cause-" + random.nextInt(1_000),
        eventTime,
        "tamper.property",
        random.nextInt(6),
        random.nextInt(1_000_000),
        randomObject(0),
        "entry " + i + " of the tamper property log: " + randomText());
  }

  private ObjectNode randomObject(int depth) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode object = json.objectNode();
    int members = 1 + random.nextInt(5);
    for (int m = 0; m < members; m++) {
      String name = randomText() + m;
      switch (random.nextInt(depth < 2 ? 8 : 6)) {
        case 0 -> object.put(name, randomText());
        case 1 -> object.put(name, random.nextInt(2_000_000) - 1_000_000);
        case 2 -> object.put(name, (random.nextInt(2_000_000) - 1_000_000) / 100.0);
        case 3 -> object.put(name, random.nextBoolean());
        case 4 -> object.putNull(name);
        case 5 -> object.put(name, random.nextLong() >>> 12);
        case 6 -> object.set(name, randomObject(depth + 1));
        default -> {
          ArrayNode array = object.putArray(name);
          for (int e = random.nextInt(4); e > 0; e--) {
            array.add(
                random.nextBoolean()
                    ? json.textNode(randomText())
                    : json.numberNode(random.nextInt(100)));
          }
        }
      }
    }
    return object;
  }

  private String randomText() {
    String[] pieces = {"close", "é", "日本", "\"q\"", "back\\slash", "line\nbreak", "😀", "a b", "7"};
    StringBuilder text = new StringBuilder();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  /**
   * Waits until the log is at rest: the heads over the appended entries signed, their checkpoint
   * entries read back, the outbox empty, nothing changing for a few seconds.
   */
  private static void awaitQuiet() {
    AtomicReference<String> last = new AtomicReference<>("");
    int[] stable = {0};
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String state =
                  query(
                      "select (select coalesce(max(seq), 0) from audit_entry)"
                          + " || '/' || (select count(*) from tree_head)"
                          + " || '/' || (select count(*) from outbox)"
                          + " || '/' || (select coalesce(max(tree_size), 0) from tree_head)");
              String[] parts = state.split("/");
              boolean signed = Long.parseLong(parts[3]) > 0 && Long.parseLong(parts[2]) == 0;
              stable[0] = signed && state.equals(last.getAndSet(state)) ? stable[0] + 1 : 0;
              return stable[0] >= 3;
            });
  }

  private static String query(String sql) throws SQLException {
    try (Connection c = AuditApi.database();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  // --- rows -------------------------------------------------------------------------------------

  private void load(Connection owner) throws SQLException {
    try (Statement s = owner.createStatement();
        ResultSet r =
            s.executeQuery(
                "select seq, event_id, type, source, subject, correlation_id, causation_id,"
                    + " event_time, ingested_at, topic, record_partition, record_offset,"
                    + " cast(payload as text), summary, prev_hash, hash, leaf_hash"
                    + " from tamper_snapshot order by seq")) {
      while (r.next()) {
        AuditEntry row = new AuditEntry();
        row.seq = r.getLong(1);
        row.eventId = r.getObject(2, UUID.class);
        row.type = r.getString(3);
        row.source = r.getString(4);
        row.subject = r.getString(5);
        row.correlationId = r.getString(6);
        row.causationId = r.getString(7);
        OffsetDateTime eventTime = r.getObject(8, OffsetDateTime.class);
        row.eventTime = eventTime == null ? null : eventTime.toInstant();
        row.ingestedAt = r.getObject(9, OffsetDateTime.class).toInstant();
        row.topic = r.getString(10);
        row.partition = r.getInt(11);
        row.offset = r.getLong(12);
        row.payload = r.getString(13);
        row.summary = r.getString(14);
        row.prevHash = r.getBytes(15);
        row.hash = r.getBytes(16);
        row.leafHash = r.getBytes(17);
        original.put(row.seq, row);
      }
    }
    size = original.size();
    assertThat(original.keySet())
        .as("a gapless log")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, size).boxed().toList());
    try (Statement s = owner.createStatement();
        ResultSet r = s.executeQuery("select tree_size from tree_head")) {
      while (r.next()) {
        headSizes.add(r.getLong(1));
      }
    }
    assertThat(size).isGreaterThanOrEqualTo(ENTRIES);
    assertThat(headSizes).isNotEmpty();
  }

  private static AuditEntry copy(AuditEntry row) {
    AuditEntry copy = new AuditEntry();
    copy.seq = row.seq;
    copy.eventId = row.eventId;
    copy.type = row.type;
    copy.source = row.source;
    copy.subject = row.subject;
    copy.correlationId = row.correlationId;
    copy.causationId = row.causationId;
    copy.eventTime = row.eventTime;
    copy.ingestedAt = row.ingestedAt;
    copy.topic = row.topic;
    copy.partition = row.partition;
    copy.offset = row.offset;
    copy.payload = row.payload;
    copy.summary = row.summary;
    copy.prevHash = row.prevHash;
    copy.hash = row.hash;
    copy.leafHash = row.leafHash;
    return copy;
  }

  private static void insertRow(Connection owner, AuditEntry row) throws SQLException {
    try (PreparedStatement s =
        owner.prepareStatement(
            "insert into audit_entry (seq, event_id, type, source, subject, correlation_id,"
                + " causation_id, event_time, ingested_at, topic, record_partition, record_offset,"
                + " payload, summary, prev_hash, hash, leaf_hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)")) {
      s.setLong(1, row.seq);
      s.setObject(2, row.eventId);
      s.setString(3, row.type);
      s.setString(4, row.source);
      s.setString(5, row.subject);
      s.setString(6, row.correlationId);
      s.setString(7, row.causationId);
      s.setObject(
          8,
          row.eventTime == null ? null : OffsetDateTime.ofInstant(row.eventTime, ZoneOffset.UTC));
      s.setObject(9, OffsetDateTime.ofInstant(row.ingestedAt, ZoneOffset.UTC));
      s.setString(10, row.topic);
      s.setInt(11, row.partition);
      s.setLong(12, row.offset);
      s.setString(13, row.payload);
      s.setString(14, row.summary);
      s.setBytes(15, row.prevHash);
      s.setBytes(16, row.hash);
      s.setBytes(17, row.leafHash);
      s.executeUpdate();
    }
  }

  private static String text(AuditEntry row, String column) {
    return switch (column) {
      case "type" -> row.type;
      case "source" -> row.source;
      case "subject" -> row.subject;
      case "correlation_id" -> row.correlationId;
      case "causation_id" -> row.causationId;
      case "topic" -> row.topic;
      case "summary" -> row.summary;
      default -> throw new IllegalArgumentException(column);
    };
  }

  /** One printable ASCII byte of the UTF-8 text replaced by another; null when it has none. */
  private String changeAsciiByte(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    List<Integer> ascii = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x20 && bytes[i] < 0x7f) {
        ascii.add(i);
      }
    }
    if (ascii.isEmpty()) {
      return null;
    }
    int index = ascii.get(random.nextInt(ascii.size()));
    byte replacement;
    do {
      replacement = (byte) (0x20 + random.nextInt(0x5f));
    } while (replacement == bytes[index]);
    bytes[index] = replacement;
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * One byte of the payload's JSON text changed so that it is still a JSON object but no longer the
   * same value (another canonical form); null when no such change was found.
   */
  private String changePayloadByte(String payload) {
    String before = CanonicalJson.canonicalize(CanonicalJson.parse(payload));
    for (int attempt = 0; attempt < 200; attempt++) {
      String changed = changeAsciiByte(payload);
      if (changed == null) {
        return null;
      }
      try {
        var node = CanonicalJson.parse(changed);
        if (node.isObject() && !CanonicalJson.canonicalize(node).equals(before)) {
          return changed;
        }
      } catch (IllegalArgumentException notJson) {
        // try another byte
      }
    }
    return null;
  }

  private static void update(Connection owner, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement s = owner.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      int rows = s.executeUpdate();
      if (rows == 0) {
        throw new IllegalStateException("no row changed by " + sql);
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
