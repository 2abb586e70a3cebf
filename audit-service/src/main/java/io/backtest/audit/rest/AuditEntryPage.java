package io.backtest.audit.rest;

import java.util.List;

/**
 * One page of audit entries in seq order.
 *
 * @param items the entries of this page
 * @param page page index, from 0
 * @param size page size asked for
 * @param total entries matching the filters, over all pages
 */
public record AuditEntryPage(List<AuditEntryView> items, int page, int size, long total) {}
