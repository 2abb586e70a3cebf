package io.backtest.monitoring.rest;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the page's entries
 * @param page page index, from 0
 * @param size page size asked for
 * @param total entries in the whole list
 */
public record PageView<T>(List<T> items, int page, int size, long total) {}
