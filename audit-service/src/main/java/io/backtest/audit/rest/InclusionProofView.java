package io.backtest.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * That an entry is in the tree of the first treeSize entries (RFC 9162 section 2.1.3): hashing
 * leafHash with the path, as section 2.1.3.2 says, gives the root of that tree.
 *
 * @param seq the entry
 * @param leafIndex its leaf index, seq - 1
 * @param treeSize the tree's size
 * @param leafHash the entry's leaf hash, hex: SHA-256(0x00 || its canonical JSON)
 * @param path the sibling hashes from the leaf up, hex
 * @param treeHead the signed head of that size, when one exists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InclusionProofView(
    long seq,
    long leafIndex,
    long treeSize,
    String leafHash,
    List<String> path,
    TreeHeadView treeHead) {}
