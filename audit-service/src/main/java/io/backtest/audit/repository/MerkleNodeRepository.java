package io.backtest.audit.repository;

import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.MerkleNode;
import io.backtest.audit.merkle.NodeId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stored hashes of the log's tree: the perfect subtrees of level 1 and up (table {@code
 * merkle_node}, append-only) and the leaf hashes stored with the entries. Writers hold the append
 * lock.
 */
@ApplicationScoped
@WithSession
public class MerkleNodeRepository {

  /**
   * The stored hashes among {@code nodes} (level >= 1), in one query; absent ones are left out. The
   * ids are numbers the service computed, written into the statement as such.
   */
  public Uni<Map<NodeId, Sha256>> findNodes(Collection<NodeId> nodes) {
    if (nodes.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    String keys =
        nodes.stream()
            .map(node -> "(" + node.level() + "," + node.index() + ")")
            .collect(Collectors.joining(","));
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select level, idx, hash from merkle_node where (level, idx) in ("
                            + keys
                            + ")",
                        Object[].class)
                    .getResultList())
        .map(
            rows -> {
              Map<NodeId, Sha256> found = new HashMap<>();
              for (Object[] row : rows) {
                found.put(
                    new NodeId(((Number) row[0]).intValue(), ((Number) row[1]).longValue()),
                    Sha256.of((byte[]) row[2]));
              }
              return found;
            });
  }

  /** Stores completed subtrees, in the caller's transaction. */
  public Uni<Void> insertNodes(List<MerkleNode> nodes) {
    if (nodes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String values =
        nodes.stream()
            .map(
                node ->
                    "("
                        + node.id().level()
                        + ","
                        + node.id().index()
                        + ",decode('"
                        + node.hash().hex()
                        + "','hex'))")
            .collect(Collectors.joining(","));
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into merkle_node (level, idx, hash) values " + values)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * The stored leaf hashes of the leaves {@code indexes} ({@code seq - 1}); absent ones left out.
   */
  public Uni<Map<Long, Sha256>> findLeafHashes(Collection<Long> indexes) {
    if (indexes.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<Long> seqs = indexes.stream().map(index -> index + 1).toList();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select e.seq, e.leafHash from AuditEntry e"
                            + " where e.seq in :seqs and e.leafHash is not null",
                        Object[].class)
                    .setParameter("seqs", seqs)
                    .getResultList())
        .map(
            rows -> {
              Map<Long, Sha256> found = new HashMap<>();
              for (Object[] row : rows) {
                found.put(((Number) row[0]).longValue() - 1, Sha256.of((byte[]) row[1]));
              }
              return found;
            });
  }

  /** The first entry without a leaf hash (written before the tree existed), 0 when none. */
  public Uni<Long> firstSeqWithoutLeafHash() {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select coalesce(min(e.seq), 0) from AuditEntry e where e.leafHash is null",
                        Long.class)
                    .getSingleResult());
  }

  /**
   * Fills in the missing leaf hash of an entry, the one change the log allows, through the database
   * function {@code audit_fill_leaf_hash}: the service's role holds no UPDATE on the log, and the
   * function (run as the tables' owner) can set nothing but a null leaf hash.
   */
  public Uni<Void> fillLeafHash(long seq, Sha256 leafHash) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select audit_fill_leaf_hash(:seq, decode(:leafHash, 'hex'))",
                        Boolean.class)
                    .setParameter("seq", seq)
                    .setParameter("leafHash", leafHash.hex())
                    .getSingleResult())
        .invoke(
            filled -> {
              if (!Boolean.TRUE.equals(filled)) {
                throw new IllegalStateException("entry " + seq + " already has a leaf hash");
              }
            })
        .replaceWithVoid();
  }
}
