package io.backtest.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.audit.log.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published known-answer tests of transparency-dev/merkle (see
 * src/test/resources/merkle/README.md): roots of the 8 reference leaves, good proofs, and every
 * corrupted probe rejected.
 */
class KnownAnswerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNode VECTORS = read("/merkle/verify_test_vectors.json");

  private static JsonNode read(String resource) {
    try (InputStream in = KnownAnswerTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<byte[]> hexList(JsonNode array) {
    List<byte[]> list = new ArrayList<>();
    array.forEach(node -> list.add(HEX.parseHex(node.asText())));
    return list;
  }

  private static List<byte[]> leaves() {
    return hexList(VECTORS.get("leaves"));
  }

  private static byte[] root(int size) {
    return HEX.parseHex(VECTORS.get("roots").get(size - 1).asText());
  }

  private static MerkleTree tree(int size) {
    return new MerkleTree(InMemoryLeafHashes.ofLeaves(leaves().subList(0, size)));
  }

  private static Sha256 hash(JsonNode node) {
    return Sha256.fromHex(node.asText());
  }

  @Test
  void hasherMatchesTheRfc6962Answers() {
    JsonNode hasher = VECTORS.get("hasher");

    assertThat(MerkleHash.EMPTY_ROOT).isEqualTo(hash(hasher.get("emptyRoot")));
    assertThat(MerkleHash.leafHash(new byte[0])).isEqualTo(hash(hasher.get("emptyLeafHash")));
    assertThat(MerkleHash.leafHash("L123456".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(hash(hasher.get("leafL123456")));
    // the empty tree's root is not the hash of an empty leaf
    assertThat(MerkleHash.EMPTY_ROOT).isNotEqualTo(MerkleHash.leafHash(new byte[0]));
  }

  @Test
  void nodeHashIsTheHashOfOneThenBothChildren() {
    Sha256 left = MerkleHash.leafHash("Hello".getBytes(StandardCharsets.US_ASCII));
    Sha256 right = MerkleHash.leafHash("World".getBytes(StandardCharsets.US_ASCII));

    assertThat(MerkleHash.nodeHash(left, right).bytes())
        .isEqualTo(ReferenceMerkle.sha256(new byte[] {1}, left.bytes(), right.bytes()));
    assertThat(MerkleHash.nodeHash(left, right)).isNotEqualTo(MerkleHash.nodeHash(right, left));
    // second preimage: a leaf that is the concatenation of two hashes is not their parent
    byte[] both = new byte[64];
    System.arraycopy(left.bytes(), 0, both, 0, 32);
    System.arraycopy(right.bytes(), 0, both, 32, 32);
    assertThat(MerkleHash.leafHash(both)).isNotEqualTo(MerkleHash.nodeHash(left, right));
  }

  @Test
  void rootsOfTheReferenceLeavesAreThePublishedOnes() {
    MerkleAppender appender = new MerkleAppender();
    for (int size = 1; size <= 8; size++) {
      appender.append(MerkleHash.leafHash(leaves().get(size - 1)));

      assertThat(tree(size).rootHash().bytes()).as("root of %d leaves", size).isEqualTo(root(size));
      assertThat(appender.rootHash().bytes()).as("appended root of %d", size).isEqualTo(root(size));
    }
    assertThat(tree(8).rootHash(0)).isEqualTo(MerkleHash.EMPTY_ROOT);
  }

  static Stream<Arguments> inclusionVectors() {
    List<Arguments> vectors = new ArrayList<>();
    VECTORS
        .get("inclusionProofs")
        .forEach(
            v ->
                vectors.add(
                    Arguments.of(
                        v.get("leaf").asInt() - 1,
                        v.get("size").asInt(),
                        hexList(v.get("proof")))));
    return vectors.stream();
  }

  @ParameterizedTest(name = "leaf {0} of {1}")
  @MethodSource("inclusionVectors")
  void publishedInclusionProofsAreGeneratedVerifiedAndEveryCorruptionRejected(
      int leafIndex, int treeSize, List<byte[]> expected) {
    InclusionProof proof = tree(8).inclusionProof(leafIndex, treeSize);
    byte[] leafHash = MerkleHash.leafHash(leaves().get(leafIndex)).bytes();

    assertThat(proof.path().stream().map(Sha256::bytes).toList())
        .usingRecursiveComparison()
        .isEqualTo(expected);
    assertThat(InclusionProof.verify(leafIndex, treeSize, leafHash, expected, root(treeSize)))
        .isEqualTo(Verdict.VALID);
    assertThat(proof.rootFrom(Sha256.of(leafHash)).bytes()).isEqualTo(root(treeSize));
    for (Corruptions.InclusionProbe probe :
        Corruptions.inclusion(leafIndex, treeSize, expected, root(treeSize), leafHash)) {
      assertThat(probe.verify().valid()).as(probe.desc()).isFalse();
    }
  }

  static Stream<Arguments> consistencyVectors() {
    List<Arguments> vectors = new ArrayList<>();
    VECTORS
        .get("consistencyProofs")
        .forEach(
            v ->
                vectors.add(
                    Arguments.of(
                        v.get("size1").asInt(), v.get("size2").asInt(), hexList(v.get("proof")))));
    return vectors.stream();
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("consistencyVectors")
  void publishedConsistencyProofsAreGeneratedVerifiedAndEveryCorruptionRejected(
      int size1, int size2, List<byte[]> expected) {
    ConsistencyProof proof = tree(8).consistencyProof(size1, size2);

    assertThat(proof.path().stream().map(Sha256::bytes).toList())
        .usingRecursiveComparison()
        .isEqualTo(expected);
    assertThat(ConsistencyProof.verify(size1, size2, root(size1), root(size2), expected))
        .isEqualTo(Verdict.VALID);
    if (!expected.isEmpty()) {
      for (Corruptions.ConsistencyProbe probe :
          Corruptions.consistency(size1, size2, root(size1), root(size2), expected)) {
        assertThat(probe.verify().valid()).as(probe.desc()).isFalse();
      }
    }
  }

  static Stream<Arguments> testdataFiles() throws IOException {
    try (InputStream in = KnownAnswerTest.class.getResourceAsStream("/merkle/testdata/INDEX")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(line -> line.substring(0, line.indexOf(' ')))
              .map(Arguments::of)
              .toList()
              .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("testdataFiles")
  void publishedTestdataFileGivesItsExpectedAnswer(String file) {
    JsonNode c = read("/merkle/testdata/" + file);
    Base64.Decoder b64 = Base64.getDecoder();
    List<byte[]> proof = new ArrayList<>();
    if (c.hasNonNull("proof")) {
      c.get("proof").forEach(node -> proof.add(b64.decode(node.asText())));
    }

    Verdict verdict;
    if (file.startsWith("inclusion/")) {
      JsonNode index = c.has("leafIdx") ? c.get("leafIdx") : c.get("leafIndex");
      verdict =
          InclusionProof.verify(
              uint64(index),
              uint64(c.get("treeSize")),
              b64.decode(c.get("leafHash").asText()),
              proof,
              b64.decode(c.get("root").asText()));
    } else {
      verdict =
          ConsistencyProof.verify(
              uint64(c.get("size1")),
              uint64(c.get("size2")),
              b64.decode(c.get("root1").asText()),
              b64.decode(c.get("root2").asText()),
              proof);
    }

    assertThat(verdict.valid()).as(c.get("desc").asText()).isEqualTo(!c.get("wantErr").asBoolean());
  }

  /** A Go uint64 as Java's long of the same bits (2^64 - 1 becomes -1). */
  private static long uint64(JsonNode node) {
    return new BigInteger(node.asText()).longValue();
  }

  @Test
  void proofsOutsideTheTreeAreRejected() {
    // TestVerifyInclusion's probes: {index, size} = {0,0}, {0,1}, {1,0}, {2,1}, empty proof
    byte[] some = Corruptions.SOME_HASH;
    byte[] empty = Corruptions.EMPTY_TREE_HASH;
    for (long[] p : new long[][] {{0, 0}, {0, 1}, {1, 0}, {2, 1}}) {
      assertThat(InclusionProof.verify(p[0], p[1], some, List.of(), new byte[0]).valid()).isFalse();
      assertThat(InclusionProof.verify(p[0], p[1], new byte[0], List.of(), empty).valid())
          .isFalse();
      assertThat(InclusionProof.verify(p[0], p[1], some, List.of(), empty).valid()).isFalse();
    }
    // TestVerifyInclusionSingleEntry: in a 1-leaf tree the root is the leaf hash, the proof empty
    byte[] data = MerkleHash.leafHash("data".getBytes(StandardCharsets.US_ASCII)).bytes();
    assertThat(InclusionProof.verify(0, 1, data, List.of(), data)).isEqualTo(Verdict.VALID);
    assertThat(InclusionProof.verify(0, 1, new byte[0], List.of(), data).valid()).isFalse();
    assertThat(InclusionProof.verify(0, 1, data, List.of(), new byte[0]).valid()).isFalse();
  }

  @Test
  void consistencyEdgeCasesFollowTheReferenceVerifier() {
    // TestVerifyConsistency's table, with 32-byte stand-ins for its "don't care" roots: this
    // verifier rejects a root that is not a SHA-256 digest, and (stricter than the reference) an
    // empty tree whose root is not SHA-256 of the empty string.
    byte[] r1 = Corruptions.SOME_HASH;
    byte[] r2 = root(8);
    byte[] empty = Corruptions.EMPTY_TREE_HASH;
    List<byte[]> none = List.of();
    List<byte[]> one = List.of(empty);

    assertThat(ConsistencyProof.verify(0, 0, r1, r2, none).valid()).isFalse();
    assertThat(ConsistencyProof.verify(1, 1, r1, r2, none).valid()).isFalse();
    assertThat(ConsistencyProof.verify(0, 0, r1, r1, none)).isEqualTo(Verdict.VALID);
    assertThat(ConsistencyProof.verify(0, 1, empty, r2, none)).isEqualTo(Verdict.VALID);
    assertThat(ConsistencyProof.verify(1, 1, r2, r2, none)).isEqualTo(Verdict.VALID);
    // time travel to the past
    assertThat(ConsistencyProof.verify(1, 0, r1, r2, none).reason())
        .isEqualTo("the first tree (1 leaves) is larger than the second (0 leaves)");
    assertThat(ConsistencyProof.verify(2, 1, r1, r2, none).valid()).isFalse();
    assertThat(ConsistencyProof.verify(1, 2, r1, r2, none).reason()).isEqualTo("proof is empty");
    assertThat(ConsistencyProof.verify(0, 0, empty, r2, none).valid()).isFalse();
    assertThat(ConsistencyProof.verify(1, 1, empty, r2, none).valid()).isFalse();
    // roots match but the proof is not empty
    assertThat(ConsistencyProof.verify(0, 0, empty, empty, one).valid()).isFalse();
    assertThat(ConsistencyProof.verify(0, 1, empty, empty, one).valid()).isFalse();
    assertThat(ConsistencyProof.verify(1, 1, empty, empty, one).valid()).isFalse();
    // stricter than the reference: the empty tree's root is fixed
    assertThat(ConsistencyProof.verify(0, 1, r1, r2, none).reason())
        .isEqualTo("the root of the empty tree is not SHA-256 of the empty string");
  }
}
