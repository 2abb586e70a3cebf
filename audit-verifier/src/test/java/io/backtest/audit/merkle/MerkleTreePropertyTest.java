package io.backtest.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.audit.log.Sha256;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random trees against the literal RFC 9162 definitions ({@link ReferenceMerkle}): the appender,
 * the stored-subtree tree and the recomputing tree agree with them and with each other, every proof
 * verifies, and proofs from stored subtrees take O(log n) lookups.
 */
class MerkleTreePropertyTest {
  private static final long SEED = 20260105L;

  private record Log(
      List<byte[]> leaves,
      InMemoryLeafHashes leafHashes,
      InMemorySubtreeHashes subtrees,
      MerkleAppender appender) {
    MerkleTree stored() {
      return new MerkleTree(leafHashes, subtrees);
    }

    MerkleTree recomputed() {
      return new MerkleTree(leafHashes);
    }
  }

  private static Log log(int size, Random random) {
    List<byte[]> leaves = new ArrayList<>();
    InMemoryLeafHashes leafHashes = new InMemoryLeafHashes();
    InMemorySubtreeHashes subtrees = new InMemorySubtreeHashes();
    MerkleAppender appender = new MerkleAppender();
    for (int i = 0; i < size; i++) {
      byte[] leaf = new byte[random.nextInt(40)];
      random.nextBytes(leaf);
      leaves.add(leaf);
      Sha256 hash = MerkleHash.leafHash(leaf);
      leafHashes.add(hash);
      subtrees.putAll(appender.append(hash));
    }
    return new Log(leaves, leafHashes, subtrees, appender);
  }

  private static List<byte[]> bytes(List<Sha256> path) {
    return path.stream().map(Sha256::bytes).toList();
  }

  @Test
  void everyPrefixRootMatchesTheRfcDefinition() {
    Random random = new Random(SEED);
    Log log = log(300, random);
    MerkleAppender appender = new MerkleAppender();
    for (int size = 0; size <= 300; size++) {
      byte[] expected = ReferenceMerkle.mth(log.leaves().subList(0, size));

      assertThat(appender.rootHash().bytes()).as("appender at %d", size).isEqualTo(expected);
      assertThat(log.stored().rootHash(size).bytes()).as("stored at %d", size).isEqualTo(expected);
      assertThat(log.recomputed().rootHash(size).bytes()).isEqualTo(expected);
      if (size < 300) {
        appender.append(MerkleHash.leafHash(log.leaves().get(size)));
      }
    }
  }

  @Test
  void appenderStoresEveryPerfectSubtreeOnceWithItsHash() {
    Log log = log(1000, new Random(SEED + 1));

    // n - popcount(n) perfect subtrees above the leaves are complete in a tree of n leaves
    assertThat(log.subtrees().size()).isEqualTo(1000 - Integer.bitCount(1000));
    for (int level = 1; level <= 9; level++) {
      for (long index = 0; (index + 1) << level <= 1000; index++) {
        NodeId node = new NodeId(level, index);
        byte[] expected =
            ReferenceMerkle.mth(log.leaves().subList((int) node.begin(), (int) node.end()));
        assertThat(log.subtrees().find(node)).get().extracting(Sha256::bytes).isEqualTo(expected);
      }
    }
  }

  @Test
  void everyInclusionProofOfRandomTreesVerifiesAndMatchesTheRfcPath() {
    Random random = new Random(SEED + 2);
    for (int size : new int[] {1, 2, 3, 5, 7, 8, 9, 31, 64, 100, 1023, 1024, 1025, 2500}) {
      Log log = log(size, random);
      MerkleTree stored = log.stored();
      Sha256 root = stored.rootHash();
      for (int index = 0; index < size; index++) {
        InclusionProof proof = stored.inclusionProof(index, size);
        Sha256 leafHash = log.leafHashes().leafHash(index);

        assertThat(proof.verify(leafHash, root))
            .as("leaf %d of %d", index, size)
            .isEqualTo(Verdict.VALID);
        if (size <= 100 || index % 97 == 0) {
          assertThat(bytes(proof.path()))
              .usingRecursiveComparison()
              .isEqualTo(ReferenceMerkle.path(index, log.leaves()));
          assertThat(log.recomputed().inclusionProof(index, size)).isEqualTo(proof);
        }
      }
    }
  }

  @Test
  void inclusionProofsInEarlierTreesVerifyAgainstTheirOwnRoots() {
    Log log = log(700, new Random(SEED + 3));
    Random random = new Random(SEED + 4);
    for (int i = 0; i < 500; i++) {
      int treeSize = 1 + random.nextInt(700);
      int index = random.nextInt(treeSize);
      InclusionProof proof = log.stored().inclusionProof(index, treeSize);

      assertThat(proof.verify(log.leafHashes().leafHash(index), log.stored().rootHash(treeSize)))
          .isEqualTo(Verdict.VALID);
      assertThat(bytes(proof.path()))
          .usingRecursiveComparison()
          .isEqualTo(ReferenceMerkle.path(index, log.leaves().subList(0, treeSize)));
    }
  }

  @Test
  void manyConsistencyProofsVerifyAndMatchTheRfcProof() {
    Log log = log(3000, new Random(SEED + 5));
    Random random = new Random(SEED + 6);
    MerkleTree stored = log.stored();
    for (int i = 0; i < 1500; i++) {
      int second = 1 + random.nextInt(3000);
      int first = i % 10 == 0 ? second : random.nextInt(second + 1);
      ConsistencyProof proof = stored.consistencyProof(first, second);

      assertThat(proof.verify(stored.rootHash(first), stored.rootHash(second)))
          .as("%d to %d", first, second)
          .isEqualTo(Verdict.VALID);
      if (i % 15 == 0) {
        List<byte[]> expected =
            first == 0 ? List.of() : ReferenceMerkle.proof(first, log.leaves().subList(0, second));
        assertThat(bytes(proof.path())).usingRecursiveComparison().isEqualTo(expected);
        assertThat(log.recomputed().consistencyProof(first, second)).isEqualTo(proof);
      }
    }
  }

  @Test
  void corruptedProofsOfRandomTreesAreRejected() {
    Random random = new Random(SEED + 7);
    Log log = log(777, random);
    MerkleTree tree = log.stored();
    for (int i = 0; i < 40; i++) {
      int second = 2 + random.nextInt(776);
      int first = 1 + random.nextInt(second - 1);
      int index = random.nextInt(second);
      byte[] root = tree.rootHash(second).bytes();
      List<byte[]> path = bytes(tree.inclusionProof(index, second).path());
      for (var probe :
          Corruptions.inclusion(
              index, second, path, root, log.leafHashes().leafHash(index).bytes())) {
        assertThat(probe.verify().valid()).as("%s, leaf %d of %d", probe, index, second).isFalse();
      }
      List<byte[]> consistency = bytes(tree.consistencyProof(first, second).path());
      for (var probe :
          Corruptions.consistency(first, second, tree.rootHash(first).bytes(), root, consistency)) {
        assertThat(probe.verify().valid()).as("%s, %d to %d", probe, first, second).isFalse();
      }
    }
  }

  /** Counts what the tree asks of its stores. */
  private static final class Counting implements LeafHashes, SubtreeHashes {
    final LeafHashes leaves;
    final SubtreeHashes subtrees;
    int leafReads;
    int rangeReads;
    int findAllCalls;
    int subtreeLookups;

    Counting(LeafHashes leaves, SubtreeHashes subtrees) {
      this.leaves = leaves;
      this.subtrees = subtrees;
    }

    @Override
    public long size() {
      return leaves.size();
    }

    @Override
    public Sha256 leafHash(long index) {
      leafReads++;
      return leaves.leafHash(index);
    }

    @Override
    public List<Sha256> leafHashes(long begin, long end) {
      rangeReads++;
      return leaves.leafHashes(begin, end);
    }

    @Override
    public Optional<Sha256> find(NodeId node) {
      subtreeLookups++;
      return subtrees.find(node);
    }

    @Override
    public Map<NodeId, Sha256> findAll(Collection<NodeId> nodes) {
      findAllCalls++;
      subtreeLookups += nodes.size();
      return subtrees.findAll(nodes);
    }
  }

  @Test
  void rootAndProofsFromStoredSubtreesTakeLogarithmicallyManyLookupsInOneBatch() {
    Log log = log(4000, new Random(SEED + 8));
    Counting counting = new Counting(log.leafHashes(), log.subtrees());
    MerkleTree tree = new MerkleTree(counting, counting);
    int log2 = 12; // 2^12 > 4000

    for (int size : new int[] {4000, 3999, 2049, 1}) {
      counting.subtreeLookups = counting.leafReads = counting.findAllCalls = 0;
      tree.rootHash(size);
      assertThat(counting.subtreeLookups + counting.leafReads).isLessThanOrEqualTo(log2);
      assertThat(counting.findAllCalls).isLessThanOrEqualTo(1);

      counting.subtreeLookups = counting.leafReads = counting.findAllCalls = 0;
      tree.inclusionProof(size - 1, size);
      tree.inclusionProof(size / 3, size);
      assertThat(counting.subtreeLookups + counting.leafReads).isLessThanOrEqualTo(4 * log2);
      assertThat(counting.findAllCalls).isLessThanOrEqualTo(2);

      counting.subtreeLookups = counting.leafReads = counting.findAllCalls = 0;
      tree.consistencyProof(size / 2 + 1, size);
      assertThat(counting.subtreeLookups + counting.leafReads).isLessThanOrEqualTo(3 * log2);
      assertThat(counting.findAllCalls).isLessThanOrEqualTo(1);
    }
    assertThat(counting.rangeReads).isZero();
  }

  @Test
  void subtreesMissingFromTheStoreAreRecomputedFromTheLeaves() {
    Log log = log(1500, new Random(SEED + 9));
    InclusionProof expected = log.stored().inclusionProof(3, 1500);
    log.subtrees().remove(new NodeId(10, 0));
    log.subtrees().remove(new NodeId(9, 1));
    log.subtrees().remove(new NodeId(3, 1));

    assertThat(log.stored().inclusionProof(3, 1500)).isEqualTo(expected);
    assertThat(log.stored().rootHash()).isEqualTo(log.appender().rootHash());
  }

  @Test
  void aWrongStoredSubtreeYieldsProofsThatDoNotVerify() {
    Log log = log(600, new Random(SEED + 10));
    Sha256 root = log.appender().rootHash();
    log.subtrees().put(new MerkleNode(new NodeId(5, 1), MerkleHash.leafHash(new byte[] {1})));

    // leaf 0's path takes the stored hash of its sibling subtree [32, 64) as it is
    InclusionProof proof = log.stored().inclusionProof(0, 600);
    assertThat(proof.verify(log.leafHashes().leafHash(0), root).valid()).isFalse();
  }

  @Test
  void appenderResumedFromTheStoredFrontierContinuesTheSameTree() {
    Log log = log(1234, new Random(SEED + 11));
    for (int size : new int[] {0, 1, 2, 777, 1024, 1233}) {
      MerkleAppender resumed = MerkleAppender.resume(size, log.stored().frontier(size));
      InMemorySubtreeHashes stored = new InMemorySubtreeHashes();
      for (int i = size; i < 1234; i++) {
        stored.putAll(resumed.append(log.leafHashes().leafHash(i)));
      }

      assertThat(resumed.rootHash()).isEqualTo(log.appender().rootHash());
      assertThat(resumed.frontier()).isEqualTo(log.appender().frontier());
      stored
          .findAll(MerkleTree.rangeNodes(size, 1234))
          .forEach((node, hash) -> assertThat(log.subtrees().find(node)).contains(hash));
    }
    assertThatThrownBy(() -> MerkleAppender.resume(5, List.of(MerkleHash.EMPTY_ROOT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a tree of 5 leaves has a frontier of 2 subtrees, not 1");
  }

  @Test
  void rangesSplitIntoMaximalAlignedPerfectSubtrees() {
    assertThat(MerkleTree.rangeNodes(0, 13))
        .containsExactly(new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12));
    assertThat(MerkleTree.rangeNodes(8, 13)).containsExactly(new NodeId(2, 2), new NodeId(0, 12));
    assertThat(MerkleTree.rangeNodes(6, 8)).containsExactly(new NodeId(1, 3));
    assertThat(MerkleTree.rangeNodes(0, 0)).isEmpty();
  }

  @Test
  void requestsOutsideTheStoredLogAreRefused() {
    MerkleTree tree = log(10, new Random(SEED)).stored();

    assertThatThrownBy(() -> tree.rootHash(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("treeSize 11 must be in 0..10 (the leaves stored)");
    assertThatThrownBy(() -> tree.inclusionProof(10, 10))
        .hasMessage("leaf index 10 is outside a tree of 10 leaves");
    assertThatThrownBy(() -> tree.consistencyProof(6, 5))
        .hasMessage("firstSize 6 must be in 0..5 (secondSize)");
  }
}
