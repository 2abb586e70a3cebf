package io.backtest.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.backtest.support.http.SortFields;
import io.quarkus.panache.common.Sort;
import org.junit.jupiter.api.Test;

class PanacheSortTest {
  @Test
  void keysBecomeColumnsInOrderWithDirectionAndNullsLast() {
    SortFields fields =
        SortFields.tiebreaker("id")
            .field("createdAt", "createdAt")
            .nullsLast("score", "score")
            .byDefault("-createdAt");

    Sort sort = PanacheSort.of(fields.parse("-score,createdAt"));

    assertThat(sort.getColumns())
        .extracting(Sort.Column::getName, Sort.Column::getDirection, Sort.Column::getNullPrecedence)
        .containsExactly(
            tuple("score", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST),
            tuple("createdAt", Sort.Direction.Ascending, null),
            tuple("id", Sort.Direction.Ascending, null));
  }
}
