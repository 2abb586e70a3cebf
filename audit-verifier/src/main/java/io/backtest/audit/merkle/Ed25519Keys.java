package io.backtest.audit.merkle;

import io.backtest.audit.log.Sha256;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys (RFC 8032) with the JDK's provider: private keys as PKCS#8, public keys as X.509
 * SubjectPublicKeyInfo (RFC 8410), each as base64 DER or PEM.
 *
 * <p>A key's id is the lowercase hex of the first 8 bytes of SHA-256 of its public key's X.509 DER
 * encoding: 16 hex digits, stable across encodings of the same key.
 */
public final class Ed25519Keys {
  public static final String ALGORITHM = "Ed25519";

  private Ed25519Keys() {}

  /** A new key pair from the platform's strong random source. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
    }
  }

  /**
   * A private key from its PKCS#8 encoding.
   *
   * @param encoded base64 of the DER, or PEM ({@code -----BEGIN PRIVATE KEY-----})
   * @throws IllegalArgumentException when it is not an Ed25519 PKCS#8 key
   */
  public static PrivateKey privateKey(String encoded) {
    byte[] der = decode(encoded, "PRIVATE KEY");
    try {
      return ed25519(
          KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der)));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * A public key from its X.509 SubjectPublicKeyInfo encoding.
   *
   * @param encoded base64 of the DER, or PEM ({@code -----BEGIN PUBLIC KEY-----})
   * @throws IllegalArgumentException when it is not an Ed25519 X.509 key
   */
  public static PublicKey publicKey(String encoded) {
    byte[] der = decode(encoded, "PUBLIC KEY");
    try {
      return ed25519(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 X.509 public key: " + e.getMessage(), e);
    }
  }

  /**
   * The public key of an Ed25519 private key. RFC 8032 section 5.1.5 derives the key pair from the
   * 32-byte private key alone, and the JDK's generator takes exactly those 32 bytes from its random
   * source: fed the private key's bytes, it yields the pair they determine.
   *
   * @throws IllegalArgumentException when the key is not Ed25519 or does not expose its bytes (a
   *     hardware key)
   */
  public static PublicKey derivePublicKey(PrivateKey privateKey) {
    if (!(ed25519(privateKey) instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
      throw new IllegalArgumentException("the private key does not expose its bytes");
    }
    byte[] seed = edec.getBytes().get();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      KeyPair pair = generator.generateKeyPair();
      byte[] generated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
      boolean same = Arrays.equals(generated, seed);
      Arrays.fill(generated, (byte) 0);
      if (!same) {
        throw new IllegalStateException("the JDK's Ed25519 generator does not take the seed as is");
      }
      return pair.getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** A "random" source that hands out given bytes once: only for {@link #derivePublicKey}. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] bytes;
    private boolean used;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void nextBytes(byte[] out) {
      if (used || out.length != bytes.length) {
        throw new IllegalStateException("expected one request for " + bytes.length + " bytes");
      }
      used = true;
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }

  /** Base64 of the key's DER encoding (PKCS#8 for a private key, X.509 for a public one). */
  public static String encode(Key key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** The key id: hex of the first 8 bytes of SHA-256 of the X.509 encoding. */
  public static String keyId(PublicKey key) {
    byte[] digest = Sha256.digest(ed25519(key).getEncoded()).bytes();
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  private static <K extends Key> K ed25519(K key) {
    if (!(key instanceof EdECKey edec) || !ALGORITHM.equals(edec.getParams().getName())) {
      throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
    }
    return key;
  }

  private static byte[] decode(String encoded, String pemLabel) {
    if (encoded == null || encoded.isBlank()) {
      throw new IllegalArgumentException("no key given");
    }
    String text = encoded.strip();
    if (text.startsWith("-----BEGIN ")) {
      String begin = "-----BEGIN " + pemLabel + "-----";
      String end = "-----END " + pemLabel + "-----";
      int from = text.indexOf(begin);
      int to = text.indexOf(end);
      if (from != 0 || to < 0) {
        throw new IllegalArgumentException("a PEM key here must be a " + pemLabel);
      }
      text = text.substring(begin.length(), to);
    }
    try {
      return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key is neither base64 nor PEM: " + e.getMessage(), e);
    }
  }
}
