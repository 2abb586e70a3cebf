package io.backtest.support.http;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the shape of every list the API answers.
 *
 * @param items the page's items
 * @param page 0-based page number
 * @param size page size asked for
 * @param total items in the whole list
 */
public record Page<T>(List<T> items, int page, int size, long total) {
  public Page {
    items = List.copyOf(items);
  }

  /** The page of {@code request} holding {@code items} out of {@code total}. */
  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    return new Page<>(items, request.page(), request.size(), total);
  }

  /** The same page with its items mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
  }
}
