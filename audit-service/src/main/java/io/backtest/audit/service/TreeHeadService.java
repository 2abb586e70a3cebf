package io.backtest.audit.service;

import io.backtest.audit.domain.StoredTreeHead;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.ConsistencyProof;
import io.backtest.audit.merkle.Ed25519Keys;
import io.backtest.audit.merkle.InclusionProof;
import io.backtest.audit.merkle.NodeId;
import io.backtest.audit.repository.AuditEntryRepository;
import io.backtest.audit.repository.MerkleNodeRepository;
import io.backtest.audit.repository.TreeHeadRepository;
import io.backtest.support.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** The signed tree heads and the proofs against them, for outside verifiers. */
@ApplicationScoped
public class TreeHeadService {
  private final AuditEntryRepository entries;
  private final TreeHeadRepository heads;
  private final MerkleNodeRepository nodes;
  private final SigningKeys keys;

  public TreeHeadService(
      AuditEntryRepository entries,
      TreeHeadRepository heads,
      MerkleNodeRepository nodes,
      SigningKeys keys) {
    this.entries = entries;
    this.heads = heads;
    this.nodes = nodes;
    this.keys = keys;
  }

  /** The head of the largest tree signed so far, or null before the first. */
  @WithSession
  public Uni<StoredTreeHead> latestHead() {
    return heads.latest();
  }

  /** The trusted public keys by key id, base64 X.509, the current key first. */
  public Map<String, String> publicKeys() {
    Map<String, String> encoded = new LinkedHashMap<>();
    keys.publicKeys().forEach((id, key) -> encoded.put(id, Ed25519Keys.encode(key)));
    return encoded;
  }

  /** The id of the key that signs new heads. */
  public String currentKeyId() {
    return keys.signer().keyId();
  }

  /**
   * The inclusion proof of entry {@code seq} in the tree of {@code treeSize} entries, or of the
   * latest signed head when {@code treeSize} is null.
   *
   * @throws ProblemException (in the Uni) 400 naming {@code seq} or {@code treeSize} when the entry
   *     is not in that tree or the tree is larger than the log; 404 when no head exists yet and no
   *     size is given
   */
  @WithSession
  public Uni<Inclusion> inclusionProof(long seq, Long treeSize) {
    return sizeOrLatestHead(treeSize, "treeSize")
        .chain(
            size -> {
              if (seq > size) {
                throw ProblemException.badRequest(
                    "seq", "must be <= treeSize (" + size + ") but was " + seq);
              }
              return StoredTree.compute(
                      nodes,
                      size,
                      tree ->
                          new Inclusion(
                              tree.subtreeHash(NodeId.leaf(seq - 1)),
                              tree.inclusionProof(seq - 1, size),
                              null))
                  .chain(
                      proof ->
                          heads
                              .findById(size)
                              .map(head -> new Inclusion(proof.leafHash(), proof.proof(), head)));
            });
  }

  /**
   * The consistency proof between the trees of {@code first} and {@code second} entries ({@code
   * second} defaults to the latest signed head).
   *
   * @throws ProblemException (in the Uni) 400 naming {@code first} or {@code second} when {@code
   *     first > second} or {@code second} exceeds the log; 404 as for inclusion proofs
   */
  @WithSession
  public Uni<Consistency> consistencyProof(long first, Long second) {
    return sizeOrLatestHead(second, "second")
        .chain(
            size -> {
              if (first > size) {
                throw ProblemException.badRequest(
                    "first", "must be <= second (" + size + ") but was " + first);
              }
              return StoredTree.compute(nodes, size, tree -> tree.consistencyProof(first, size))
                  .chain(
                      proof ->
                          heads
                              .findById(first)
                              .chain(
                                  firstHead ->
                                      heads
                                          .findById(size)
                                          .map(
                                              secondHead ->
                                                  new Consistency(proof, firstHead, secondHead))));
            });
  }

  /** {@code requested} checked against the log's size, or the latest head's size when null. */
  private Uni<Long> sizeOrLatestHead(Long requested, String name) {
    if (requested == null) {
      return heads
          .latest()
          .onItem()
          .ifNull()
          .failWith(() -> ProblemException.notFound("Signed tree head", "of any size"))
          .map(head -> head.treeSize);
    }
    return entries
        .headSeq()
        .map(
            size -> {
              if (requested > size) {
                throw ProblemException.badRequest(
                    name, "must be <= " + size + ", the entries in the log, but was " + requested);
              }
              return requested;
            });
  }

  /**
   * @param leafHash the entry's leaf hash
   * @param proof the path
   * @param head the signed head of the proof's tree size, or null
   */
  public record Inclusion(Sha256 leafHash, InclusionProof proof, StoredTreeHead head) {}

  /**
   * @param proof the path
   * @param firstHead the signed head of the first size, or null
   * @param secondHead the signed head of the second size, or null
   */
  public record Consistency(
      ConsistencyProof proof, StoredTreeHead firstHead, StoredTreeHead secondHead) {}
}
