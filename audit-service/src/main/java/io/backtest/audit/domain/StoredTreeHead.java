package io.backtest.audit.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signed tree head as stored (table {@code tree_head}, append-only): at most one per tree size.
 * See {@link io.backtest.audit.merkle.TreeHead} for the signed bytes.
 */
@Entity
@Table(name = "tree_head")
public class StoredTreeHead extends PanacheEntityBase {
  /** Entries covered: the first {@code treeSize} of the log. */
  @Id
  @Column(name = "tree_size")
  public Long treeSize;

  /** RFC 9162 root of those entries, 32 bytes. */
  @Column(name = "root_hash", nullable = false, updatable = false)
  public byte[] rootHash;

  /** The signed timestamp, whole milliseconds. */
  @Column(name = "signed_at", nullable = false, updatable = false)
  public Instant signedAt;

  /** The signing key's id, 16 hex digits. */
  @Column(name = "key_id", nullable = false, updatable = false)
  public String keyId;

  /** Ed25519 signature over the head's 84 signed bytes. */
  @Column(nullable = false, updatable = false)
  public byte[] signature;
}
