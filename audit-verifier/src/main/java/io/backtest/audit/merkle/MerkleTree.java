package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Roots and proofs of the RFC 9162 tree over stored hashes (section 2.1): never loads the log.
 *
 * <p>Every subtree that the RFC's recursions name, {@code D[a:b]}, starts at a multiple of the
 * power of two its size rounds up to, so its hash is the fold from the right of the perfect
 * subtrees the binary representation of {@code b - a} splits it into ({@link #rangeNodes}). A root
 * takes at most log2(n) of them and a proof O(log n) (for an inclusion proof one ragged subtree of
 * up to log2(n) pieces plus at most log2(n) perfect siblings; for a consistency proof likewise).
 * Each computation first plans the perfect subtrees it needs and asks {@link SubtreeHashes} for
 * them in one {@link SubtreeHashes#findAll} call; level-0 nodes are read from {@link LeafHashes},
 * and a subtree missing from the store is recomputed from below.
 */
public final class MerkleTree {
  /** Below this level a missing subtree is recomputed from one range of leaves. */
  private static final int LEAF_RANGE_LEVEL = 8;

  private static final int LEAF_CHUNK = 1 << 12;

  private final LeafHashes leaves;
  private final SubtreeHashes subtrees;

  /** A tree whose subtree hashes are all recomputed from the leaves (the direct algorithm). */
  public MerkleTree(LeafHashes leaves) {
    this(leaves, SubtreeHashes.NONE);
  }

  public MerkleTree(LeafHashes leaves, SubtreeHashes subtrees) {
    this.leaves = Objects.requireNonNull(leaves, "leaves");
    this.subtrees = Objects.requireNonNull(subtrees, "subtrees");
  }

  /** The number of leaves available. */
  public long size() {
    return leaves.size();
  }

  /** The root of the whole log. */
  public Sha256 rootHash() {
    return rootHash(leaves.size());
  }

  /** MTH(D[0:treeSize]), RFC 9162 section 2.1.1; the empty tree's root for size 0. */
  public Sha256 rootHash(long treeSize) {
    requireSize("treeSize", treeSize);
    if (treeSize == 0) {
      return MerkleHash.EMPTY_ROOT;
    }
    List<long[]> ranges = List.<long[]>of(new long[] {0, treeSize});
    return hashRanges(ranges).getFirst();
  }

  /** The hash of a complete perfect subtree. */
  public Sha256 subtreeHash(NodeId node) {
    if (node.end() > leaves.size()) {
      throw new IllegalArgumentException(
          "subtree " + node + " ends after the last of " + leaves.size() + " leaves");
    }
    return resolve(List.of(node)).get(node);
  }

  /**
   * The hashes of {@link #frontierNodes} of {@code treeSize}, for {@link MerkleAppender#resume}.
   */
  public List<Sha256> frontier(long treeSize) {
    requireSize("treeSize", treeSize);
    List<NodeId> nodes = frontierNodes(treeSize);
    Map<NodeId, Sha256> hashes = resolve(nodes);
    return nodes.stream().map(hashes::get).toList();
  }

  /**
   * The inclusion proof of leaf {@code leafIndex} in the tree of {@code treeSize} leaves: PATH(m,
   * D[n]) of RFC 9162 section 2.1.3.1, the siblings from the leaf up to the root.
   */
  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    requireSize("treeSize", treeSize);
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves");
    }
    List<long[]> ranges = new ArrayList<>();
    long lo = 0;
    long hi = treeSize;
    while (hi - lo > 1) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (leafIndex < lo + k) {
        ranges.add(new long[] {lo + k, hi});
        hi = lo + k;
      } else {
        ranges.add(new long[] {lo, lo + k});
        lo += k;
      }
    }
    // the recursion appends each sibling after the path below it: leaf end first
    Collections.reverse(ranges);
    return new InclusionProof(leafIndex, treeSize, hashRanges(ranges));
  }

  /**
   * The consistency proof between the trees of {@code firstSize} and {@code secondSize} leaves:
   * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 section 2.1.4.1; empty when {@code
   * firstSize} is 0 or equals {@code secondSize}.
   */
  public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
    requireSize("secondSize", secondSize);
    if (firstSize < 0 || firstSize > secondSize) {
      throw new IllegalArgumentException(
          "firstSize " + firstSize + " must be in 0.." + secondSize + " (secondSize)");
    }
    if (firstSize == 0 || firstSize == secondSize) {
      return new ConsistencyProof(firstSize, secondSize, List.of());
    }
    List<long[]> ranges = new ArrayList<>();
    long lo = 0;
    long hi = secondSize;
    boolean complete = true; // SUBPROOF's b: D[lo:hi]'s first part is the whole old tree
    while (hi != firstSize) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (firstSize <= lo + k) {
        ranges.add(new long[] {lo + k, hi});
        hi = lo + k;
      } else {
        ranges.add(new long[] {lo, lo + k});
        lo += k;
        complete = false;
      }
    }
    if (!complete) {
      ranges.add(new long[] {lo, hi});
    }
    Collections.reverse(ranges);
    return new ConsistencyProof(firstSize, secondSize, hashRanges(ranges));
  }

  /**
   * The frontier of a tree of {@code treeSize} leaves: the perfect subtrees that split [0,
   * treeSize), largest first.
   */
  public static List<NodeId> frontierNodes(long treeSize) {
    return rangeNodes(0, treeSize);
  }

  /**
   * The maximal perfect subtrees that split the leaves {@code begin} (inclusive) to {@code end}
   * (exclusive), left to right: each as large as the alignment of its start and the rest of the
   * range allow.
   */
  public static List<NodeId> rangeNodes(long begin, long end) {
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("not a range of leaves: [" + begin + ", " + end + ")");
    }
    List<NodeId> nodes = new ArrayList<>();
    long at = begin;
    while (at < end) {
      int fits = 63 - Long.numberOfLeadingZeros(end - at);
      int aligned = at == 0 ? fits : Long.numberOfTrailingZeros(at);
      int level = Math.min(fits, aligned);
      nodes.add(new NodeId(level, at >> level));
      at += 1L << level;
    }
    return nodes;
  }

  /** The hash of each range, as RFC 9162 defines MTH of it; all lookups planned at once. */
  private List<Sha256> hashRanges(List<long[]> ranges) {
    List<List<NodeId>> pieces = new ArrayList<>(ranges.size());
    Set<NodeId> needed = new LinkedHashSet<>();
    for (long[] range : ranges) {
      List<NodeId> nodes = rangeNodes(range[0], range[1]);
      pieces.add(nodes);
      needed.addAll(nodes);
    }
    Map<NodeId, Sha256> hashes = resolve(needed);
    List<Sha256> result = new ArrayList<>(ranges.size());
    for (List<NodeId> nodes : pieces) {
      Sha256 hash = hashes.get(nodes.getLast());
      for (int i = nodes.size() - 2; i >= 0; i--) {
        hash = MerkleHash.nodeHash(hashes.get(nodes.get(i)), hash);
      }
      result.add(hash);
    }
    return result;
  }

  private Map<NodeId, Sha256> resolve(Collection<NodeId> nodes) {
    List<NodeId> inner = nodes.stream().filter(node -> node.level() > 0).toList();
    Map<NodeId, Sha256> hashes =
        new HashMap<>(inner.isEmpty() ? Map.of() : subtrees.findAll(inner));
    for (NodeId node : nodes) {
      if (node.level() == 0) {
        hashes.put(node, leaves.leafHash(node.index()));
      } else if (!hashes.containsKey(node)) {
        hashes.put(node, compute(node));
      }
    }
    return hashes;
  }

  /** A subtree that the store did not return: from stored children, else from the leaves. */
  private Sha256 compute(NodeId node) {
    if (node.level() <= LEAF_RANGE_LEVEL) {
      MerkleAppender appender = new MerkleAppender();
      for (long at = node.begin(); at < node.end(); at += LEAF_CHUNK) {
        leaves.leafHashes(at, Math.min(at + LEAF_CHUNK, node.end())).forEach(appender::append);
      }
      return appender.rootHash();
    }
    return MerkleHash.nodeHash(stored(node.left()), stored(node.right()));
  }

  private Sha256 stored(NodeId node) {
    return subtrees.find(node).orElseGet(() -> compute(node));
  }

  private void requireSize(String name, long treeSize) {
    if (treeSize < 0 || treeSize > leaves.size()) {
      throw new IllegalArgumentException(
          name + " " + treeSize + " must be in 0.." + leaves.size() + " (the leaves stored)");
    }
  }
}
