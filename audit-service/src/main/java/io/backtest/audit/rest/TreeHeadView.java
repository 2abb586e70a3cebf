package io.backtest.audit.rest;

import java.time.Instant;

/**
 * A signed tree head. The signature is Ed25519 over 84 bytes: the ASCII label {@code
 * backtest-audit/tree-head/v1} and a 0x00 byte, then treeSize (8 bytes), rootHash (32), the
 * timestamp in milliseconds since the epoch (8) and the 8 bytes of keyId, integers big-endian.
 *
 * @param treeSize entries covered, the first treeSize of the log
 * @param rootHash RFC 9162 root of those entries, hex
 * @param timestamp when it was signed, whole milliseconds
 * @param keyId the signing key's id (see {@code GET /api/v1/audit/public-keys})
 * @param signature Ed25519 signature, base64
 */
public record TreeHeadView(
    long treeSize, String rootHash, Instant timestamp, String keyId, String signature) {}
