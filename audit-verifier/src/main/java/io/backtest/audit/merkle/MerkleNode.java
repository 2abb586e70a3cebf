package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.Objects;

/**
 * A perfect subtree with its hash, as {@link MerkleAppender} yields them for storage.
 *
 * @param id which subtree
 * @param hash its Merkle tree hash
 */
public record MerkleNode(NodeId id, Sha256 hash) {
  public MerkleNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hash, "hash");
  }
}
