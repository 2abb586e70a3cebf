package io.backtest.audit.mapping;

import io.backtest.audit.domain.StoredTreeHead;
import io.backtest.audit.log.Sha256;
import io.backtest.audit.merkle.SignedTreeHead;
import io.backtest.audit.merkle.TreeHead;
import io.backtest.audit.rest.TreeHeadView;
import io.backtest.contracts.events.AuditCheckpoint;
import java.util.Base64;

/** Between signed tree heads, their stored rows, their events and their API views. */
public final class TreeHeadMapper {
  private TreeHeadMapper() {}

  public static StoredTreeHead toRow(SignedTreeHead signed) {
    StoredTreeHead row = new StoredTreeHead();
    row.treeSize = signed.head().treeSize();
    row.rootHash = signed.head().rootHash().bytes();
    row.signedAt = signed.head().timestamp();
    row.keyId = signed.head().keyId();
    row.signature = signed.signature();
    return row;
  }

  /**
   * The head a stored row claims, as stored (a changed row fails verification).
   *
   * @throws IllegalArgumentException when the row cannot be read as a head
   */
  public static SignedTreeHead toSigned(StoredTreeHead row) {
    return new SignedTreeHead(
        new TreeHead(row.treeSize, Sha256.of(row.rootHash), row.signedAt, row.keyId),
        row.signature);
  }

  public static AuditCheckpoint toCheckpoint(SignedTreeHead signed) {
    TreeHead head = signed.head();
    return new AuditCheckpoint(
        head.treeSize(),
        head.rootHash().hex(),
        head.timestamp(),
        head.keyId(),
        Base64.getEncoder().encodeToString(signed.signature()));
  }

  public static TreeHeadView toView(StoredTreeHead row) {
    return new TreeHeadView(
        row.treeSize,
        Sha256.of(row.rootHash).hex(),
        row.signedAt,
        row.keyId,
        Base64.getEncoder().encodeToString(row.signature));
  }
}
