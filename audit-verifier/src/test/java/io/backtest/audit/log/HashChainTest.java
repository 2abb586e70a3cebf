package io.backtest.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chain hash of tiny entries, computed independently of the production code. */
class HashChainTest {
  static final UUID FIRST_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
  static final UUID SECOND_ID = UUID.fromString("00000000-0000-0000-0000-000000000002");

  /** The canonical JSON of {@link #first()}, written by hand: members sorted, no whitespace. */
  static final String FIRST_JSON =
      "{\"causationId\":null,\"correlationId\":\"c-1\","
          + "\"eventId\":\"00000000-0000-0000-0000-000000000001\","
          + "\"eventTime\":\"2026-01-05T10:15:30Z\",\"ingestedAt\":\"2026-01-05T10:15:31.123456Z\","
          + "\"offset\":7,\"partition\":2,\"payload\":{\"a\":\"x\",\"b\":[1,2.5]},"
          + "\"prevHash\":\"0000000000000000000000000000000000000000000000000000000000000000\","
          + "\"seq\":1,\"source\":\"/test\",\"subject\":\"s-1\",\"summary\":\"Test\","
          + "\"topic\":\"test.done\",\"type\":\"io.backtest.test\"}";

  /** SHA-256 of 32 zero bytes followed by {@link #FIRST_JSON}, computed with Python's hashlib. */
  static final String FIRST_HASH =
      "6286a796fd5c4ac55e398900d4a1ac14857b5c65257c9ef3e4584b18ae9efcaa";

  /** SHA-256 of the first hash's bytes followed by the second entry's JSON (Python's hashlib). */
  static final String SECOND_HASH =
      "639ea337eec19677023e717b6c5fd303f6b28d5ac6aad14f3eb9df783fda4bb6";

  static LogEntry first() {
    ObjectNode payload = (ObjectNode) CanonicalJson.parse("{\"b\": [1, 2.50], \"a\": \"x\"}");
    return new LogEntry(
        1,
        FIRST_ID,
        "io.backtest.test",
        "/test",
        "s-1",
        "c-1",
        null,
        Instant.parse("2026-01-05T10:15:30Z"),
        Instant.parse("2026-01-05T10:15:31.123456Z"),
        "test.done",
        2,
        7,
        payload,
        "Test",
        Sha256.ZERO);
  }

  static LogEntry second(Sha256 prevHash) {
    ObjectNode payload = (ObjectNode) CanonicalJson.parse("{\"\\u20ac\": 1000000000000000000000}");
    return new LogEntry(
        2,
        SECOND_ID,
        "io.backtest.test",
        "/test",
        null,
        "c-1",
        FIRST_ID.toString(),
        null,
        Instant.parse("2026-01-05T10:15:32Z"),
        "test.done",
        2,
        8,
        payload,
        "Second",
        prevHash);
  }

  private static byte[] sha256(byte[] prefix, String json) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(prefix);
    sha.update(json.getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }

  @Test
  void entryIsHashedAsItsCanonicalJsonAfterThePreviousHash() throws Exception {
    LogEntry entry = first();

    assertThat(entry.canonicalJson()).isEqualTo(FIRST_JSON);
    byte[] expected = sha256(new byte[32], FIRST_JSON);
    assertThat(HashChain.hash(entry).bytes()).isEqualTo(expected);
    assertThat(HashChain.hash(entry).hex()).isEqualTo(FIRST_HASH);
  }

  @Test
  void nextEntryChainsOnThePreviousHashBytes() throws Exception {
    Sha256 firstHash = HashChain.hash(first());
    LogEntry entry = second(firstHash);
    String json =
        "{\"causationId\":\"00000000-0000-0000-0000-000000000001\",\"correlationId\":\"c-1\","
            + "\"eventId\":\"00000000-0000-0000-0000-000000000002\",\"eventTime\":null,"
            + "\"ingestedAt\":\"2026-01-05T10:15:32Z\",\"offset\":8,\"partition\":2,"
            + "\"payload\":{\"\u20ac\":1e+21},\"prevHash\":\""
            + FIRST_HASH
            + "\",\"seq\":2,\"source\":\"/test\",\"subject\":null,\"summary\":\"Second\","
            + "\"topic\":\"test.done\",\"type\":\"io.backtest.test\"}";

    assertThat(entry.canonicalJson()).isEqualTo(json);
    assertThat(HashChain.hash(entry).bytes())
        .isEqualTo(sha256(HexFormat.of().parseHex(FIRST_HASH), json));
    assertThat(HashChain.hash(entry).hex()).isEqualTo(SECOND_HASH);
  }

  @Test
  void anyChangeToAHashedMemberChangesTheHash() {
    LogEntry entry = first();
    LogEntry otherSummary =
        new LogEntry(
            entry.seq(),
            entry.eventId(),
            entry.type(),
            entry.source(),
            entry.subject(),
            entry.correlationId(),
            entry.causationId(),
            entry.eventTime(),
            entry.ingestedAt(),
            entry.topic(),
            entry.partition(),
            entry.offset(),
            entry.payload(),
            "Test.",
            entry.prevHash());

    assertThat(HashChain.hash(otherSummary)).isNotEqualTo(HashChain.hash(entry));
  }
}
