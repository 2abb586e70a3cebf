package io.backtest.audit.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest (FIPS 180-4): 32 bytes, compared by content, shown as lowercase hex. */
public final class Sha256 {
  public static final int LENGTH = 32;

  /** The {@code prev_hash} of the first entry of the log: 32 zero bytes. */
  public static final Sha256 ZERO = new Sha256(new byte[LENGTH]);

  private final byte[] bytes;

  private Sha256(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A digest from its 32 bytes. */
  public static Sha256 of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 digest has 32 bytes, not " + (bytes == null ? "none" : bytes.length));
    }
    return new Sha256(bytes.clone());
  }

  /** A digest from its 64 hex digits. */
  public static Sha256 fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static Sha256 digest(byte[]... parts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    for (byte[] part : parts) {
      sha.update(part);
    }
    return new Sha256(sha.digest());
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sha256 other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
