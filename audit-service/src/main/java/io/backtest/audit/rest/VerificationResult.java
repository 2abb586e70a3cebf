package io.backtest.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Outcome of recomputing the hash chain: {@code {"valid":true,"entries":N,"headHash":"..."}} or
 * {@code {"valid":false,"firstInvalidSeq":k,"reason":"..."}}.
 *
 * @param valid whether every entry is intact and linked to its predecessor
 * @param entries entries verified (when valid)
 * @param headHash hash of the last entry, hex (when valid; 64 zeros for an empty log)
 * @param firstInvalidSeq the first entry that breaks the chain (when not valid)
 * @param reason why it breaks the chain (when not valid)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResult(
    boolean valid, Long entries, String headHash, Long firstInvalidSeq, String reason) {}
