package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A store of perfect-subtree hashes above the leaves (level 1 and up), keyed by {@link NodeId}.
 * {@link MerkleAppender#append} yields each subtree once it is complete; a store that keeps them
 * all lets {@link MerkleTree} compute any root or proof with O(log n) lookups, in one {@link
 * #findAll} call. A store may also keep only some of them (or none, {@link #NONE}): what is absent
 * is recomputed from the leaves below it, which costs up to {@code 2^level} leaf hashes.
 *
 * <p>A stored hash is trusted as it is: a store that returns a wrong hash produces proofs that do
 * not verify, which is how a client notices.
 */
@FunctionalInterface
public interface SubtreeHashes {
  /** A store that holds nothing: every subtree is recomputed from the leaves. */
  SubtreeHashes NONE = node -> Optional.empty();

  /** The hash of a complete perfect subtree of level 1 or more, if stored. */
  Optional<Sha256> find(NodeId node);

  /**
   * The stored hashes among {@code nodes}; absent ones are left out. A table-backed store answers
   * with one query.
   */
  default Map<NodeId, Sha256> findAll(Collection<NodeId> nodes) {
    Map<NodeId, Sha256> found = new HashMap<>();
    for (NodeId node : nodes) {
      find(node).ifPresent(hash -> found.put(node, hash));
    }
    return found;
  }
}
