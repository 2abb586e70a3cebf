package io.backtest.audit.service;

import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.LeafHashes;
import io.backtest.audit.merkle.MerkleTree;
import io.backtest.audit.merkle.NodeId;
import io.backtest.audit.merkle.SubtreeHashes;
import io.backtest.audit.repository.MerkleNodeRepository;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a {@link MerkleTree} computation (root, proof, frontier) over the stored hashes without
 * blocking: {@link MerkleTree} reads synchronously, so the computation runs twice. The first run
 * answers every lookup with a placeholder and records which leaves and subtrees it asked for (a
 * computation's lookups depend only on the sizes, never on the hashes); those are read in two
 * queries; the second run computes over them. Every perfect subtree of a stored tree is stored, so
 * nothing is recomputed from the leaves.
 */
final class StoredTree {
  private StoredTree() {}

  /**
   * The result of {@code computation} on the tree of the first {@code size} entries.
   *
   * @throws IllegalStateException (in the Uni) when a hash the computation needs is not stored
   */
  static <R> Uni<R> compute(
      MerkleNodeRepository store, long size, Function<MerkleTree, R> computation) {
    Plan plan = new Plan(size);
    computation.apply(new MerkleTree(plan, plan));
    return store
        .findLeafHashes(plan.leaves)
        .chain(
            leaves ->
                store
                    .findNodes(plan.nodes)
                    .map(
                        nodes ->
                            computation.apply(
                                new MerkleTree(new Leaves(size, leaves), new Nodes(nodes)))));
  }

  /** Records the lookups of a computation, answering each with a placeholder. */
  private static final class Plan implements LeafHashes, SubtreeHashes {
    private final long size;
    private final Set<Long> leaves = new LinkedHashSet<>();
    private final Set<NodeId> nodes = new LinkedHashSet<>();

    Plan(long size) {
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public Sha256 leafHash(long index) {
      leaves.add(index);
      return Sha256.ZERO;
    }

    @Override
    public Optional<Sha256> find(NodeId node) {
      nodes.add(node);
      return Optional.of(Sha256.ZERO);
    }

    @Override
    public Map<NodeId, Sha256> findAll(Collection<NodeId> wanted) {
      Map<NodeId, Sha256> all = new HashMap<>();
      for (NodeId node : wanted) {
        nodes.add(node);
        all.put(node, Sha256.ZERO);
      }
      return all;
    }
  }

  private record Leaves(long size, Map<Long, Sha256> hashes) implements LeafHashes {
    @Override
    public Sha256 leafHash(long index) {
      Sha256 hash = hashes.get(index);
      if (hash == null) {
        throw new IllegalStateException("the leaf hash of entry " + (index + 1) + " is not stored");
      }
      return hash;
    }
  }

  private record Nodes(Map<NodeId, Sha256> hashes) implements SubtreeHashes {
    @Override
    public Optional<Sha256> find(NodeId node) {
      Sha256 hash = hashes.get(node);
      if (hash == null) {
        throw new IllegalStateException("subtree " + node + " of a stored tree is not stored");
      }
      return Optional.of(hash);
    }

    @Override
    public Map<NodeId, Sha256> findAll(Collection<NodeId> wanted) {
      Map<NodeId, Sha256> found = new HashMap<>();
      for (NodeId node : wanted) {
        found.put(node, find(node).orElseThrow());
      }
      return found;
    }
  }
}
