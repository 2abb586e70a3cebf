package io.backtest.audit.merkle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The corrupted probes of transparency-dev/merkle's proof/verify_test.go ({@code
 * corruptInclusionProof}, {@code corruptConsistencyProof}), derived from a good proof: every one
 * must be rejected.
 */
final class Corruptions {
  static final byte[] SOME_HASH =
      HexFormat.of().parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");
  static final byte[] EMPTY_TREE_HASH = ReferenceMerkle.sha256();

  private Corruptions() {}

  record InclusionProbe(
      String desc,
      long leafIndex,
      long treeSize,
      byte[] root,
      byte[] leafHash,
      List<byte[]> proof) {
    Verdict verify() {
      return InclusionProof.verify(leafIndex, treeSize, leafHash, proof, root);
    }

    @Override
    public String toString() {
      return desc;
    }
  }

  record ConsistencyProbe(
      String desc, long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    Verdict verify() {
      return ConsistencyProof.verify(size1, size2, root1, root2, proof);
    }

    @Override
    public String toString() {
      return desc;
    }
  }

  static List<InclusionProbe> inclusion(
      long leafIndex, long treeSize, List<byte[]> proof, byte[] root, byte[] leafHash) {
    List<InclusionProbe> probes = new ArrayList<>();
    probes.add(new InclusionProbe("leafIndex - 1", leafIndex - 1, treeSize, root, leafHash, proof));
    probes.add(new InclusionProbe("leafIndex + 1", leafIndex + 1, treeSize, root, leafHash, proof));
    probes.add(new InclusionProbe("leafIndex ^ 2", leafIndex ^ 2, treeSize, root, leafHash, proof));
    probes.add(new InclusionProbe("treeSize * 2", leafIndex, treeSize * 2, root, leafHash, proof));
    probes.add(new InclusionProbe("treeSize / 2", leafIndex, treeSize / 2, root, leafHash, proof));
    byte[] wrongLeaf = "WrongLeaf".getBytes(StandardCharsets.US_ASCII);
    probes.add(new InclusionProbe("wrong leaf", leafIndex, treeSize, root, wrongLeaf, proof));
    probes.add(
        new InclusionProbe("empty root", leafIndex, treeSize, EMPTY_TREE_HASH, leafHash, proof));
    probes.add(new InclusionProbe("random root", leafIndex, treeSize, SOME_HASH, leafHash, proof));
    probes.add(
        new InclusionProbe(
            "trailing garbage", leafIndex, treeSize, root, leafHash, append(proof, new byte[0])));
    probes.add(
        new InclusionProbe(
            "trailing root", leafIndex, treeSize, root, leafHash, append(proof, root)));
    probes.add(
        new InclusionProbe(
            "preceding garbage", leafIndex, treeSize, root, leafHash, prepend(proof, new byte[0])));
    probes.add(
        new InclusionProbe(
            "preceding root", leafIndex, treeSize, root, leafHash, prepend(proof, root)));
    for (int i = 0; i < proof.size(); i++) {
      probes.add(
          new InclusionProbe(
              "modified proof[" + i + "] bit 3",
              leafIndex,
              treeSize,
              root,
              leafHash,
              flip(proof, i, 8)));
    }
    if (!proof.isEmpty()) {
      probes.add(
          new InclusionProbe(
              "removed component",
              leafIndex,
              treeSize,
              root,
              leafHash,
              proof.subList(0, proof.size() - 1)));
    }
    if (proof.size() > 1) {
      List<byte[]> inserted = new ArrayList<>(proof);
      inserted.add(1, SOME_HASH);
      probes.add(
          new InclusionProbe("inserted component", leafIndex, treeSize, root, leafHash, inserted));
    }
    return probes;
  }

  static List<ConsistencyProbe> consistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    byte[] wrongRoot = "WrongRoot".getBytes(StandardCharsets.US_ASCII);
    List<ConsistencyProbe> probes = new ArrayList<>();
    probes.add(new ConsistencyProbe("size1 - 1", size1 - 1, size2, root1, root2, proof));
    probes.add(new ConsistencyProbe("size1 + 1", size1 + 1, size2, root1, root2, proof));
    probes.add(new ConsistencyProbe("size1 ^ 2", size1 ^ 2, size2, root1, root2, proof));
    probes.add(new ConsistencyProbe("size2 * 2", size1, size2 * 2, root1, root2, proof));
    probes.add(new ConsistencyProbe("size2 / 2", size1, size2 / 2, root1, root2, proof));
    probes.add(new ConsistencyProbe("wrong root1", size1, size2, wrongRoot, root2, proof));
    probes.add(new ConsistencyProbe("wrong root2", size1, size2, root1, wrongRoot, proof));
    probes.add(new ConsistencyProbe("swapped roots", size1, size2, root2, root1, proof));
    probes.add(new ConsistencyProbe("empty proof", size1, size2, root1, root2, List.of()));
    probes.add(
        new ConsistencyProbe(
            "trailing garbage", size1, size2, root1, root2, append(proof, new byte[0])));
    probes.add(
        new ConsistencyProbe("trailing root1", size1, size2, root1, root2, append(proof, root1)));
    probes.add(
        new ConsistencyProbe("trailing root2", size1, size2, root1, root2, append(proof, root2)));
    probes.add(
        new ConsistencyProbe(
            "preceding garbage", size1, size2, root1, root2, prepend(proof, new byte[0])));
    probes.add(
        new ConsistencyProbe("preceding root1", size1, size2, root1, root2, prepend(proof, root1)));
    probes.add(
        new ConsistencyProbe("preceding root2", size1, size2, root1, root2, prepend(proof, root2)));
    probes.add(
        new ConsistencyProbe(
            "preceding proof[0]", size1, size2, root1, root2, prepend(proof, proof.getFirst())));
    probes.add(
        new ConsistencyProbe(
            "truncated proof", size1, size2, root1, root2, proof.subList(0, proof.size() - 1)));
    for (int i = 0; i < proof.size(); i++) {
      probes.add(
          new ConsistencyProbe(
              "modified proof[" + i + "] bit 4", size1, size2, root1, root2, flip(proof, i, 16)));
    }
    return probes;
  }

  private static List<byte[]> append(List<byte[]> proof, byte[] hash) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.add(hash);
    return copy;
  }

  private static List<byte[]> prepend(List<byte[]> proof, byte[] hash) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.addFirst(hash);
    return copy;
  }

  private static List<byte[]> flip(List<byte[]> proof, int i, int mask) {
    List<byte[]> copy = new ArrayList<>(proof);
    byte[] element = copy.get(i).clone();
    element[0] ^= (byte) mask;
    copy.set(i, element);
    return copy;
  }
}
