package io.backtest.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * That the tree of the first {@code first} entries is a prefix of the tree of the first {@code
 * second} (RFC 9162 section 2.1.4): verified against the two roots as section 2.1.4.2 says.
 *
 * @param first the older tree's size
 * @param second the newer tree's size
 * @param path the proof's hashes, hex
 * @param firstHead the signed head of size first, when one exists
 * @param secondHead the signed head of size second, when one exists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsistencyProofView(
    long first, long second, List<String> path, TreeHeadView firstHead, TreeHeadView secondHead) {}
