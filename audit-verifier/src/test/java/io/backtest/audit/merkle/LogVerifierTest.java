package io.backtest.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.audit.log.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The offline verification of a log against its signed heads. */
class LogVerifierTest {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  static final TreeHeadSigner OLD_KEY = new TreeHeadSigner(Ed25519Keys.generate());
  static final TreeHeadSigner NEW_KEY = new TreeHeadSigner(Ed25519Keys.generate());
  static final KeyRing TRUSTED = KeyRing.of(OLD_KEY.publicKey(), NEW_KEY.publicKey());

  static List<byte[]> entries(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int seq = 1; seq <= n; seq++) {
      leaves.add(
          ("{\"seq\":" + seq + ",\"summary\":\"Entry " + seq + "\"}")
              .getBytes(StandardCharsets.UTF_8));
    }
    return leaves;
  }

  /** The log's own tree, as the service would compute it. */
  static Sha256 root(List<byte[]> leaves, int size) {
    return new MerkleTree(InMemoryLeafHashes.ofLeaves(leaves)).rootHash(size);
  }

  static SignedTreeHead head(TreeHeadSigner signer, List<byte[]> leaves, int size, int minute) {
    return signer.sign(size, root(leaves, size), T0.plusSeconds(60L * minute));
  }

  /** Heads at 0, 1, 5, 5, 8 (old key), then 13, 20 (new key, after rotation). */
  static List<SignedTreeHead> heads(List<byte[]> leaves) {
    return List.of(
        head(OLD_KEY, leaves, 0, 0),
        head(OLD_KEY, leaves, 1, 1),
        head(OLD_KEY, leaves, 5, 2),
        head(OLD_KEY, leaves, 5, 3),
        head(OLD_KEY, leaves, 8, 4),
        head(NEW_KEY, leaves, 13, 5),
        head(NEW_KEY, leaves, 20, 6));
  }

  @Test
  void intactLogVerifiesAgainstEveryHeadAcrossAKeyRotation() {
    List<byte[]> leaves = entries(20);

    LogVerifier.Result result = LogVerifier.verify(TRUSTED, heads(leaves), leaves);

    assertThat(result.valid()).isTrue();
    assertThat(result.entries()).isEqualTo(20);
    assertThat(result.headsVerified()).isEqualTo(7);
    assertThat(result.rootHash().bytes()).isEqualTo(ReferenceMerkle.mth(leaves));
  }

  @Test
  void logLongerThanItsLastHeadIsValid() {
    List<byte[]> leaves = entries(25);

    assertThat(LogVerifier.verify(TRUSTED, heads(leaves), leaves).valid()).isTrue();
  }

  @Test
  void rewrittenEntryFailsAtTheFirstHeadThatCoversIt() {
    List<byte[]> leaves = entries(20);
    List<SignedTreeHead> heads = heads(leaves);
    List<byte[]> tampered = new ArrayList<>(leaves);
    tampered.set(6, "{\"seq\":7,\"summary\":\"Rewritten\"}".getBytes(StandardCharsets.UTF_8));

    LogVerifier.Result result = LogVerifier.verify(TRUSTED, heads, tampered);

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBadHead()).isEqualTo(4);
    assertThat(result.firstBadSeq()).isNull();
    assertThat(result.reason())
        .isEqualTo(
            "head 4 signs root "
                + root(leaves, 8)
                + " but entries 1..8 hash to "
                + root(tampered, 8)
                + "; entries 1..5 match the previous head");
  }

  @Test
  void storedLeafHashThatDoesNotMatchItsEntryNamesTheEntry() {
    List<byte[]> leaves = entries(20);
    LogVerifier verifier = new LogVerifier(TRUSTED, heads(leaves));
    Optional<LogVerifier.Result> failure = Optional.empty();
    for (int seq = 1; seq <= 20 && failure.isEmpty(); seq++) {
      Sha256 stored = MerkleHash.leafHash(leaves.get(seq - 1));
      if (seq == 11) {
        stored = MerkleHash.leafHash(leaves.get(0));
      }
      failure = verifier.accept(seq, leaves.get(seq - 1), stored);
    }

    assertThat(failure).isPresent();
    assertThat(failure.get().firstBadSeq()).isEqualTo(11);
    assertThat(failure.get().reason())
        .isEqualTo("stored leaf hash does not match the entry's content");
  }

  @Test
  void missingEntryIsNamed() {
    List<byte[]> leaves = entries(20);
    LogVerifier verifier = new LogVerifier(TRUSTED, heads(leaves));
    verifier.accept(1, leaves.get(0));
    verifier.accept(2, leaves.get(1));

    Optional<LogVerifier.Result> failure = verifier.accept(4, leaves.get(3));

    assertThat(failure).get().extracting(LogVerifier.Result::firstBadSeq).isEqualTo(3L);
    assertThat(failure.get().reason()).isEqualTo("entry 3 is missing: the next entry is 4");
  }

  @Test
  void logCutAtItsEndFailsAtTheHeadThatSignedMore() {
    List<byte[]> leaves = entries(20);

    LogVerifier.Result result = LogVerifier.verify(TRUSTED, heads(leaves), leaves.subList(0, 17));

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBadHead()).isEqualTo(6);
    assertThat(result.reason()).isEqualTo("head 6 signs 20 entries but the log has only 17");
  }

  @Test
  void headSignedByAnUnknownKeyIsRejected() {
    List<byte[]> leaves = entries(20);
    List<SignedTreeHead> heads = new ArrayList<>(heads(leaves));
    TreeHeadSigner stranger = new TreeHeadSigner(Ed25519Keys.generate());
    heads.set(5, head(stranger, leaves, 13, 5));

    LogVerifier.Result result = LogVerifier.verify(TRUSTED, heads, leaves);

    assertThat(result.firstBadHead()).isEqualTo(5);
    assertThat(result.reason())
        .isEqualTo(
            "head 5: head is signed with key " + stranger.keyId() + ", which is not trusted");
  }

  @Test
  void headThatGoesBackwardsInSizeOrTimeIsRejected() {
    List<byte[]> leaves = entries(20);
    List<SignedTreeHead> smaller = new ArrayList<>(heads(leaves));
    smaller.add(5, head(OLD_KEY, leaves, 6, 4));
    List<SignedTreeHead> earlier = new ArrayList<>(heads(leaves));
    earlier.set(5, head(NEW_KEY, leaves, 13, 1));

    LogVerifier.Result backwards = LogVerifier.verify(TRUSTED, smaller, leaves);
    LogVerifier.Result backInTime = LogVerifier.verify(TRUSTED, earlier, leaves);

    assertThat(backwards.firstBadHead()).isEqualTo(5);
    assertThat(backwards.reason()).isEqualTo("head 5 goes backwards: 6 entries after a head of 8");
    assertThat(backInTime.firstBadHead()).isEqualTo(5);
    assertThat(backInTime.reason())
        .isEqualTo(
            "head 5 goes back in time: 2026-01-05T00:01:00Z after a head of 2026-01-05T00:04:00Z");
  }

  @Test
  void forkedHeadOfTheSameSizeIsRejected() {
    List<byte[]> leaves = entries(20);
    List<byte[]> fork = new ArrayList<>(leaves);
    fork.set(2, "{\"seq\":3,\"summary\":\"Other history\"}".getBytes(StandardCharsets.UTF_8));
    List<SignedTreeHead> heads = new ArrayList<>(heads(leaves));
    heads.set(3, head(OLD_KEY, fork, 5, 3));

    LogVerifier.Result result = LogVerifier.verify(TRUSTED, heads, leaves);

    assertThat(result.firstBadHead()).isEqualTo(3);
    assertThat(result.reason()).startsWith("head 3 signs root " + root(fork, 5));
  }

  @Test
  void emptyLogVerifiesOnlyAgainstTheEmptyRoot() {
    assertThat(
            LogVerifier.verify(TRUSTED, List.of(head(OLD_KEY, List.of(), 0, 0)), List.of()).valid())
        .isTrue();
    SignedTreeHead wrong = OLD_KEY.sign(0, MerkleHash.leafHash(new byte[0]), T0);
    assertThat(LogVerifier.verify(TRUSTED, List.of(wrong), List.of()).firstBadHead()).isZero();
  }
}
