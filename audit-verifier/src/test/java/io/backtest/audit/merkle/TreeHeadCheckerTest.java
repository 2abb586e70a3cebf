package io.backtest.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.audit.log.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client that follows a hostile server's heads and proofs. */
class TreeHeadCheckerTest {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  static final TreeHeadSigner LOG_KEY = new TreeHeadSigner(Ed25519Keys.generate());
  static final KeyRing TRUSTED = KeyRing.of(LOG_KEY.publicKey());

  static MerkleTree tree(String prefix, int n) {
    InMemoryLeafHashes leaves = new InMemoryLeafHashes();
    for (int i = 0; i < n; i++) {
      leaves.add(MerkleHash.leafHash((prefix + i).getBytes(StandardCharsets.UTF_8)));
    }
    return new MerkleTree(leaves);
  }

  static SignedTreeHead head(TreeHeadSigner signer, MerkleTree tree, int size, int minute) {
    return signer.sign(size, tree.rootHash(size), T0.plusSeconds(60L * minute));
  }

  static List<byte[]> bytes(List<Sha256> path) {
    return path.stream().map(Sha256::bytes).toList();
  }

  @Test
  void headsThatExtendTheLogAreAdoptedWithTheirConsistencyProofs() {
    MerkleTree log = tree("entry-", 100);
    TreeHeadChecker checker = new TreeHeadChecker(TRUSTED);

    assertThat(checker.update(head(LOG_KEY, log, 10, 0), List.of())).isEqualTo(Verdict.VALID);
    assertThat(
            checker.update(head(LOG_KEY, log, 37, 1), bytes(log.consistencyProof(10, 37).path())))
        .isEqualTo(Verdict.VALID);
    assertThat(checker.update(head(LOG_KEY, log, 37, 2), List.of())).isEqualTo(Verdict.VALID);
    assertThat(
            checker.update(head(LOG_KEY, log, 100, 3), bytes(log.consistencyProof(37, 100).path())))
        .isEqualTo(Verdict.VALID);
    assertThat(checker.latest()).get().extracting(h -> h.head().treeSize()).isEqualTo(100L);
    Sha256 leaf = MerkleHash.leafHash("entry-42".getBytes(StandardCharsets.UTF_8));
    assertThat(checker.verifyInclusion(42, leaf, bytes(log.inclusionProof(42, 100).path())))
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void proofsForAnotherTreeAreRejected() {
    MerkleTree log = tree("entry-", 64);
    MerkleTree other = tree("forged-", 64);
    TreeHeadChecker checker = new TreeHeadChecker(TRUSTED);
    checker.update(head(LOG_KEY, log, 20, 0), List.of());

    // a well-formed consistency proof, but between two trees of another log
    Verdict consistency =
        checker.update(head(LOG_KEY, log, 64, 1), bytes(other.consistencyProof(20, 64).path()));
    assertThat(consistency.valid()).isFalse();
    assertThat(consistency.reason())
        .startsWith("head is not consistent with the head of 20 entries");

    // a well-formed inclusion proof of the same index and size, but in another tree
    Sha256 leaf = MerkleHash.leafHash("entry-7".getBytes(StandardCharsets.UTF_8));
    assertThat(checker.verifyInclusion(7, leaf, bytes(other.inclusionProof(7, 20).path())).valid())
        .isFalse();
    // the right proof for the right tree, but for another leaf index
    assertThat(checker.verifyInclusion(6, leaf, bytes(log.inclusionProof(7, 20).path())).valid())
        .isFalse();
    assertThat(checker.verifyInclusion(7, leaf, bytes(log.inclusionProof(7, 20).path())))
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void forkSignedByTheLogKeyIsCaughtByItsConsistencyProof() {
    MerkleTree log = tree("entry-", 50);
    // the server rewrites entry 3 and signs a larger head over the rewritten history
    InMemoryLeafHashes forkedLeaves = new InMemoryLeafHashes();
    for (int i = 0; i < 50; i++) {
      forkedLeaves.add(
          MerkleHash.leafHash(
              ((i == 3 ? "rewritten-" : "entry-") + i).getBytes(StandardCharsets.UTF_8)));
    }
    MerkleTree fork = new MerkleTree(forkedLeaves);
    TreeHeadChecker checker = new TreeHeadChecker(TRUSTED);
    checker.update(head(LOG_KEY, log, 10, 0), List.of());

    for (List<byte[]> proof :
        List.of(
            bytes(fork.consistencyProof(10, 50).path()),
            bytes(log.consistencyProof(10, 50).path()))) {
      assertThat(checker.update(head(LOG_KEY, fork, 50, 1), proof).valid()).isFalse();
    }
    assertThat(checker.latest()).get().extracting(h -> h.head().treeSize()).isEqualTo(10L);
  }

  @Test
  void headSignedByAnUnknownKeyIsRejected() {
    MerkleTree log = tree("entry-", 10);
    TreeHeadSigner impostor = new TreeHeadSigner(Ed25519Keys.generate());
    TreeHeadChecker checker = new TreeHeadChecker(TRUSTED);

    Verdict verdict = checker.update(head(impostor, log, 10, 0), List.of());

    assertThat(verdict.reason())
        .isEqualTo("head is signed with key " + impostor.keyId() + ", which is not trusted");
    assertThat(checker.latest()).isEmpty();
  }

  @Test
  void headThatGoesBackwardsIsRejected() {
    MerkleTree log = tree("entry-", 30);
    TreeHeadChecker checker = new TreeHeadChecker(TRUSTED);
    checker.update(head(LOG_KEY, log, 30, 5), List.of());

    assertThat(checker.update(head(LOG_KEY, log, 20, 6), List.of()).reason())
        .isEqualTo("head goes backwards: 20 entries after a head of 30");
    assertThat(checker.update(head(LOG_KEY, log, 30, 4), List.of()).reason())
        .isEqualTo("head goes back in time: 2026-01-05T00:04:00Z after 2026-01-05T00:05:00Z");
    // same size, same time, another root: a fork
    SignedTreeHead forked = LOG_KEY.sign(30, tree("x-", 30).rootHash(), T0.plusSeconds(300));
    assertThat(checker.update(forked, List.of()).reason())
        .isEqualTo(
            "head is not consistent with the head of 30 entries: two trees of 30 leaves have different roots");
    List<byte[]> padded = new ArrayList<>();
    padded.add(new byte[32]);
    assertThat(checker.update(head(LOG_KEY, log, 30, 7), padded).valid()).isFalse();
  }
}
