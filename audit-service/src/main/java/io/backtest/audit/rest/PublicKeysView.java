package io.backtest.audit.rest;

import java.util.Map;

/**
 * The keys that verify the log's tree heads.
 *
 * @param algorithm always {@code Ed25519}
 * @param currentKeyId the key that signs new heads
 * @param keys every trusted key by key id, base64 of its X.509 SubjectPublicKeyInfo DER: the
 *     current one and those that signed earlier heads
 */
public record PublicKeysView(String algorithm, String currentKeyId, Map<String, String> keys) {}
