package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Perfect-subtree hashes held in a map; for verification tools and tests. Not thread-safe. */
public final class InMemorySubtreeHashes implements SubtreeHashes {
  private final Map<NodeId, Sha256> hashes = new HashMap<>();

  /** Stores a subtree's hash. */
  public void put(MerkleNode node) {
    if (node.id().level() == 0) {
      throw new IllegalArgumentException("leaf hashes belong to LeafHashes, not to subtrees");
    }
    hashes.put(node.id(), node.hash());
  }

  /** Stores the subtrees an append completed. */
  public void putAll(Collection<MerkleNode> nodes) {
    nodes.forEach(this::put);
  }

  /** Drops a stored hash (it will be recomputed from the leaves). */
  public void remove(NodeId node) {
    hashes.remove(node);
  }

  /** The number of stored subtrees. */
  public int size() {
    return hashes.size();
  }

  @Override
  public Optional<Sha256> find(NodeId node) {
    return Optional.ofNullable(hashes.get(node));
  }
}
