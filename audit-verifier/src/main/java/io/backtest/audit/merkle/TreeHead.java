package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tree head: the log's size and root at a moment, under the key that signs it.
 *
 * <p>The signed bytes ({@link #signedBytes()}), 84 bytes, all integers big-endian:
 *
 * <pre>
 * offset  length  field
 *      0      28  "backtest-audit/tree-head/v1" in ASCII, then one 0x00 byte
 *     28       8  tree_size, unsigned
 *     36      32  root_hash, the RFC 9162 root of the first tree_size leaves
 *     68       8  timestamp, milliseconds since 1970-01-01T00:00:00Z, unsigned
 *     76       8  key_id, the 8 bytes the hex key id spells
 * </pre>
 *
 * The label keeps these signatures from being valid for anything else signed with the same key; the
 * fixed layout has exactly one encoding per head.
 *
 * @param treeSize number of leaves
 * @param rootHash root of the tree of {@code treeSize} leaves
 * @param timestamp when the head was made, in whole milliseconds
 * @param keyId the signing key's id, {@link Ed25519Keys#keyId}: 16 lowercase hex digits
 */
public record TreeHead(long treeSize, Sha256 rootHash, Instant timestamp, String keyId) {
  /** The label in front of the signed fields, with its terminating 0x00. */
  static final byte[] LABEL = "backtest-audit/tree-head/v1\0".getBytes(StandardCharsets.US_ASCII);

  /** The length of {@link #signedBytes()}. */
  public static final int SIGNED_LENGTH = LABEL.length + 8 + Sha256.LENGTH + 8 + 8;

  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

  public TreeHead {
    if (treeSize < 0) {
      throw new IllegalArgumentException("treeSize must not be negative but was " + treeSize);
    }
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(timestamp, "timestamp");
    if (timestamp.isBefore(Instant.EPOCH) || timestamp.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "timestamp must be whole milliseconds since 1970 but was " + timestamp);
    }
    Objects.requireNonNull(keyId, "keyId");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("keyId must be 16 lowercase hex digits but was " + keyId);
    }
  }

  /** The bytes that are signed; see the class comment for the layout. */
  public byte[] signedBytes() {
    return ByteBuffer.allocate(SIGNED_LENGTH)
        .put(LABEL)
        .putLong(treeSize)
        .put(rootHash.bytes())
        .putLong(timestamp.toEpochMilli())
        .put(HexFormat.of().parseHex(keyId))
        .array();
  }
}
