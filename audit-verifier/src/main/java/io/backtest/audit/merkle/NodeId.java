package io.backtest.audit.merkle;

/**
 * A perfect subtree of the log's tree: the {@code 2^level} leaves from {@code index * 2^level}
 * (inclusive) to {@code (index + 1) * 2^level} (exclusive). Level 0 is a leaf. Once the log holds
 * all its leaves, a perfect subtree's hash never changes, which is what makes it storable: the pair
 * {@code (level, index)} is its key.
 *
 * @param level height above the leaves, 0..62
 * @param index position among the subtrees of that level, counted from 0
 */
public record NodeId(int level, long index) {
  /** Leaf indexes stay below 2^62 so that every range end fits in a long. */
  static final int MAX_LEVEL = 62;

  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be in 0.." + MAX_LEVEL + " but was " + level);
    }
    if (index < 0 || index > (Long.MAX_VALUE >> (level + 1))) {
      throw new IllegalArgumentException(
          "index " + index + " at level " + level + " is outside the tree");
    }
  }

  /** The leaf at {@code index}. */
  public static NodeId leaf(long index) {
    return new NodeId(0, index);
  }

  /** The first leaf covered. */
  public long begin() {
    return index << level;
  }

  /** One past the last leaf covered. */
  public long end() {
    return (index + 1) << level;
  }

  /** The number of leaves covered, {@code 2^level}. */
  public long size() {
    return 1L << level;
  }

  /** The left child; not defined for a leaf. */
  public NodeId left() {
    requireInner();
    return new NodeId(level - 1, index << 1);
  }

  /** The right child; not defined for a leaf. */
  public NodeId right() {
    requireInner();
    return new NodeId(level - 1, (index << 1) + 1);
  }

  private void requireInner() {
    if (level == 0) {
      throw new IllegalStateException("a leaf has no children");
    }
  }
}
