package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Appends leaves to a log's tree holding only its frontier (the "compact range" [0, n)): the roots
 * of the perfect subtrees that the binary representation of n splits the leaves into, largest
 * first. Appending a leaf merges the equal-sized subtrees at the right edge, as a binary counter
 * carries, so it costs at most log2(n) node hashes (amortized 1), and the root of the whole tree is
 * the fold of the frontier from the right (RFC 9162 section 2.1.1 splits at the largest power of
 * two below n, which is the frontier's first subtree).
 *
 * <p>Each append returns the perfect subtrees it completed, for a {@link SubtreeHashes} store.
 * After a restart, {@link #resume} continues from the frontier read back with {@link
 * MerkleTree#frontier}. Not thread-safe: one appender per log, behind the log's append lock.
 */
public final class MerkleAppender {
  private long size;

  /** Subtree roots, one per set bit of {@code size}, the highest bit first. */
  private final List<Sha256> frontier;

  /** An empty tree. */
  public MerkleAppender() {
    this(0, new ArrayList<>());
  }

  private MerkleAppender(long size, List<Sha256> frontier) {
    this.size = size;
    this.frontier = frontier;
  }

  /**
   * Continues a tree of {@code size} leaves from its frontier.
   *
   * @param frontier the hashes of {@link MerkleTree#frontierNodes(long)} of {@code size}, in that
   *     order
   */
  public static MerkleAppender resume(long size, List<Sha256> frontier) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative but was " + size);
    }
    if (frontier.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a tree of "
              + size
              + " leaves has a frontier of "
              + Long.bitCount(size)
              + " subtrees, not "
              + frontier.size());
    }
    frontier.forEach(hash -> Objects.requireNonNull(hash, "frontier hash"));
    return new MerkleAppender(size, new ArrayList<>(frontier));
  }

  /** The number of leaves appended. */
  public long size() {
    return size;
  }

  /**
   * Appends the leaf with hash {@code leafHash} at index {@link #size()}.
   *
   * @return the perfect subtrees of level 1 and up that this leaf completed, lowest first: each is
   *     final and can be stored
   */
  public List<MerkleNode> append(Sha256 leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (size == (1L << NodeId.MAX_LEVEL)) {
      throw new IllegalStateException("the tree is full");
    }
    List<MerkleNode> completed = new ArrayList<>(Long.numberOfTrailingZeros(~size));
    Sha256 hash = leafHash;
    int level = 0;
    // every set low bit of size is a subtree of that level waiting for its right sibling
    while ((size & (1L << level)) != 0) {
      hash = MerkleHash.nodeHash(frontier.removeLast(), hash);
      level++;
      completed.add(new MerkleNode(new NodeId(level, size >> level), hash));
    }
    frontier.add(hash);
    size++;
    return completed;
  }

  /** The root of the tree of {@link #size()} leaves, O(log n). */
  public Sha256 rootHash() {
    if (frontier.isEmpty()) {
      return MerkleHash.EMPTY_ROOT;
    }
    Sha256 root = frontier.getLast();
    for (int i = frontier.size() - 2; i >= 0; i--) {
      root = MerkleHash.nodeHash(frontier.get(i), root);
    }
    return root;
  }

  /** The frontier with its subtrees' ids, largest first. */
  public List<MerkleNode> frontier() {
    List<NodeId> ids = MerkleTree.frontierNodes(size);
    List<MerkleNode> nodes = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      nodes.add(new MerkleNode(ids.get(i), frontier.get(i)));
    }
    return nodes;
  }
}
