package io.backtest.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.audit.log.ChainVerifier.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Verification of a stored chain, entry by entry. */
class ChainVerifierTest {

  private record Stored(LogEntry entry, Sha256 hash) {}

  /** A correct chain of {@code n} entries. */
  private static List<Stored> chain(int n) {
    List<Stored> stored = new ArrayList<>();
    Sha256 prev = Sha256.ZERO;
    for (int seq = 1; seq <= n; seq++) {
      LogEntry entry = entry(seq, "Entry " + seq, prev);
      Sha256 hash = HashChain.hash(entry);
      stored.add(new Stored(entry, hash));
      prev = hash;
    }
    return stored;
  }

  private static LogEntry entry(long seq, String summary, Sha256 prev) {
    ObjectNode payload = (ObjectNode) CanonicalJson.parse("{\"n\":" + seq + "}");
    return new LogEntry(
        seq,
        new UUID(0, seq),
        "io.backtest.test",
        "/test",
        "s",
        "c",
        null,
        Instant.parse("2026-01-05T00:00:00Z").plusSeconds(seq),
        Instant.parse("2026-01-05T00:00:01Z").plusSeconds(seq),
        "test.done",
        0,
        seq,
        payload,
        summary,
        prev);
  }

  private static Verification verify(List<Stored> stored) {
    ChainVerifier verifier = new ChainVerifier();
    for (Stored s : stored) {
      Optional<Verification> violation = verifier.accept(s.entry(), s.hash());
      if (violation.isPresent()) {
        return violation.get();
      }
    }
    return verifier.result();
  }

  @Test
  void intactChainIsValidWithTheLastHashAsHead() {
    List<Stored> stored = chain(5);

    Verification result = verify(stored);

    assertThat(result.valid()).isTrue();
    assertThat(result.entries()).isEqualTo(5);
    assertThat(result.headHash()).isEqualTo(stored.getLast().hash());
  }

  @Test
  void emptyLogIsValidWithTheZeroHashAsHead() {
    Verification result = new ChainVerifier().result();

    assertThat(result.valid()).isTrue();
    assertThat(result.entries()).isZero();
    assertThat(result.headHash()).isEqualTo(Sha256.ZERO);
  }

  @Test
  void tamperedEntryFailsVerificationAtItsSequence() {
    List<Stored> stored = chain(5);
    Stored third = stored.get(2);
    LogEntry original = third.entry();
    stored.set(
        2,
        new Stored(entry(original.seq(), "Entry 3, rewritten", original.prevHash()), third.hash()));

    Verification result = verify(stored);

    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidSeq()).isEqualTo(3);
    assertThat(result.reason()).isEqualTo("hash does not match the entry's content");
  }

  @Test
  void rehashedTamperedEntryBreaksTheLinkOfTheNextEntry() {
    List<Stored> stored = chain(5);
    LogEntry rewritten = entry(3, "Entry 3, rewritten", stored.get(1).hash());
    stored.set(2, new Stored(rewritten, HashChain.hash(rewritten)));

    Verification result = verify(stored);

    assertThat(result.firstInvalidSeq()).isEqualTo(4);
    assertThat(result.reason()).isEqualTo("prev_hash does not equal the hash of entry 3");
  }

  @Test
  void missingEntryFailsVerificationAtTheMissingSequence() {
    List<Stored> stored = chain(5);
    stored.remove(1);

    Verification result = verify(stored);

    assertThat(result.firstInvalidSeq()).isEqualTo(2);
    assertThat(result.reason()).isEqualTo("entry 2 is missing: the next stored entry is 3");
  }

  @Test
  void firstEntryMustFollowTheZeroHash() {
    LogEntry first = entry(1, "Entry 1", Sha256.digest(new byte[] {1}));

    Verification result = verify(List.of(new Stored(first, HashChain.hash(first))));

    assertThat(result.firstInvalidSeq()).isEqualTo(1);
    assertThat(result.reason()).isEqualTo("prev_hash of the first entry is not 32 zero bytes");
  }
}
