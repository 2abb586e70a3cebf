package io.backtest.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Outcome of recomputing the log from its entries: {@code
 * {"valid":true,"treeSize":N,"rootHash":"...","signedHeads":k}} or {@code
 * {"valid":false,"firstInvalidSeq":s,"reason":"..."}} ({@code firstInvalidHead} instead of {@code
 * firstInvalidSeq} when a signed head is what fails).
 *
 * @param valid whether every entry is intact and every signed head verifies
 * @param treeSize entries verified (when valid)
 * @param rootHash root of the tree of all entries, hex (when valid)
 * @param signedHeads signed heads verified (when valid)
 * @param firstInvalidSeq the first entry that fails (when an entry fails)
 * @param firstInvalidHead the tree size of the first signed head that fails (when a head fails)
 * @param reason why verification failed (when not valid)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResult(
    boolean valid,
    Long treeSize,
    String rootHash,
    Integer signedHeads,
    Long firstInvalidSeq,
    Long firstInvalidHead,
    String reason) {}
