package io.backtest.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.support.http.SortRequest.Key;
import org.junit.jupiter.api.Test;

class SortFieldsTest {
  private static final SortFields STRATEGIES =
      SortFields.tiebreaker("id")
          .field("createdAt", "createdAt")
          .nullsLast("score", "score")
          .nullsLast("rank", "rank")
          .field("status", "status")
          .byDefault("-createdAt,rank");

  private static final SortFields DATASETS =
      SortFields.tiebreaker("id").field("id", "id").field("barCount", "barCount").byDefault("id");

  private static void rejected(String raw, String reason) {
    assertThatThrownBy(() -> STRATEGIES.parse(raw))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errors())
                  .singleElement()
                  .satisfies(
                      error -> {
                        assertThat(error.field()).isEqualTo("sort");
                        assertThat(error.reason()).isEqualTo(reason);
                      });
            });
  }

  private static String unknown(String raw) {
    return "must be one of createdAt, score, rank, status (a leading - sorts descending;"
        + " several comma-separated) but was '"
        + raw
        + "'";
  }

  @Test
  void absentOrBlankTakesTheDefaultEndingInTheTiebreaker() {
    SortRequest order = STRATEGIES.parse(null);
    assertThat(order.keys())
        .containsExactly(
            new Key("createdAt", "createdAt", true, false),
            new Key("rank", "rank", false, true),
            new Key(null, "id", false, false));
    assertThat(STRATEGIES.parse("  ")).isEqualTo(order);
    assertThat(STRATEGIES.byDefault()).isEqualTo(order);
    assertThat(order.parameter()).isEqualTo("-createdAt,rank");
  }

  @Test
  void leadingDashSortsDescendingAndTheTiebreakerFollowsTheLastKey() {
    assertThat(STRATEGIES.parse("score").keys())
        .containsExactly(new Key("score", "score", false, true), new Key(null, "id", false, false));
    assertThat(STRATEGIES.parse(" -score ").keys())
        .containsExactly(new Key("score", "score", true, true), new Key(null, "id", true, false));
    assertThat(STRATEGIES.parse("status,-createdAt").orderBy())
        .isEqualTo("status asc, createdAt desc, id desc");
    assertThat(STRATEGIES.parse("-rank").orderBy()).isEqualTo("rank desc nulls last, id desc");
  }

  @Test
  void aFieldOnTheTiebreakerIsNotRepeated() {
    assertThat(DATASETS.parse("-id").keys()).containsExactly(new Key("id", "id", true, false));
    assertThat(DATASETS.parse("barCount").keys())
        .containsExactly(
            new Key("barCount", "barCount", false, false), new Key("id", "id", false, false));
    assertThat(DATASETS.parse("barCount").parameter()).isEqualTo("barCount,id");
  }

  @Test
  void unknownEmptyOrRepeatedFieldsAreRejectedWithTheAllowedOnes() {
    rejected("name", unknown("name"));
    // names are the API's, exactly: no column names, no other case
    rejected("created_at", unknown("created_at"));
    rejected("CreatedAt", unknown("CreatedAt"));
    rejected("score,", unknown("score,"));
    rejected("-", unknown("-"));
    rejected("--score", unknown("--score"));
    rejected("score desc", unknown("score desc"));
    rejected("score,-score", "names score twice");
  }

  @Test
  void aListMustBeDefinedWithKnownFields() {
    assertThatThrownBy(() -> SortFields.tiebreaker("id").field("at", "at").byDefault("-seq"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("default order sort: must be one of at");
    assertThatThrownBy(() -> SortFields.tiebreaker("id").field("at", "at").field("at", "seq"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SortFields.tiebreaker("id").field("-at", "at"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SortFields.tiebreaker("id").field("at", "at").byDefault(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
