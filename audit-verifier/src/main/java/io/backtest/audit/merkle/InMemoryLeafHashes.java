package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Leaf hashes held in a list; for verification tools and tests. Not thread-safe. */
public final class InMemoryLeafHashes implements LeafHashes {
  private final List<Sha256> hashes = new ArrayList<>();

  /** The leaf hashes of {@code leaves}, in order. */
  public static InMemoryLeafHashes ofLeaves(List<byte[]> leaves) {
    InMemoryLeafHashes hashes = new InMemoryLeafHashes();
    leaves.forEach(leaf -> hashes.add(MerkleHash.leafHash(leaf)));
    return hashes;
  }

  /** Appends the hash of the next leaf. */
  public void add(Sha256 leafHash) {
    hashes.add(Objects.requireNonNull(leafHash, "leafHash"));
  }

  @Override
  public long size() {
    return hashes.size();
  }

  @Override
  public Sha256 leafHash(long index) {
    if (index < 0 || index >= hashes.size()) {
      throw new IndexOutOfBoundsException(
          "leaf " + index + " is outside a log of " + hashes.size() + " leaves");
    }
    return hashes.get((int) index);
  }
}
