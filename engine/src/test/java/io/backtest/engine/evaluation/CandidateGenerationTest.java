package io.backtest.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.strategy.CandidateGenerator;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CandidateGenerationTest {

  private static final StrategyTemplates T = StrategyTemplates.builtIn();

  private static List<StrategyTemplate> templates(String... ids) {
    return java.util.Arrays.stream(ids).map(T::get).toList();
  }

  @Test
  void oneTemplateDrawsExactlyWhatTheCandidateGeneratorDraws() {
    List<Candidate> candidates =
        CandidateGeneration.generate(
            templates("sma-crossover"), 60, 42, CandidateGeneration.Method.RANDOM);

    assertThat(candidates)
        .extracting(Candidate::parameters)
        .isEqualTo(CandidateGenerator.sample(T.get("sma-crossover"), 60, 42));
  }

  @Test
  void candidatesAreSplitEvenlyInRequestOrderAndAllDistinct() {
    List<Candidate> candidates =
        CandidateGeneration.generate(
            templates("macd", "rsi-reversion", "buy-and-hold", "momentum"),
            200,
            7,
            CandidateGeneration.Method.RANDOM);

    Map<String, Long> perTemplate =
        candidates.stream()
            .collect(Collectors.groupingBy(c -> c.template().id(), Collectors.counting()));
    // 200 / 4 = 50 each, but buy-and-hold has a single point: its 49 go to the others in order.
    assertThat(perTemplate)
        .containsEntry("buy-and-hold", 1L)
        .containsEntry("macd", 67L)
        .containsEntry("rsi-reversion", 66L)
        .containsEntry("momentum", 66L);
    assertThat(candidates).hasSize(200).doesNotHaveDuplicates();
    assertThat(candidates).allMatch(c -> c.template().space().isValid(c.parameters()));
    assertThat(candidates.getFirst().template().id()).isEqualTo("macd");
  }

  @Test
  void theSameRequestGivesTheSameCandidatesAndAnotherSeedOthers() {
    List<StrategyTemplate> ts = templates("sma-crossover", "ema-crossover", "bollinger-breakout");
    var a = CandidateGeneration.generate(ts, 300, 5, CandidateGeneration.Method.RANDOM);
    var b = CandidateGeneration.generate(ts, 300, 5, CandidateGeneration.Method.RANDOM);
    var c = CandidateGeneration.generate(ts, 300, 6, CandidateGeneration.Method.RANDOM);

    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void gridGenerationSpreadsEvenlyOverEachGridAndIgnoresTheSeed() {
    StrategyTemplate sma = T.get("sma-crossover");
    var grid = sma.space().grid();
    var picked = CandidateGeneration.generate(List.of(sma), 5, 1, CandidateGeneration.Method.GRID);

    // 445 points, 5 picks: indices floor((2j + 1) · 445 / 10) = 44, 133, 222, 311, 400.
    assertThat(picked)
        .extracting(Candidate::parameters)
        .containsExactly(grid.get(44), grid.get(133), grid.get(222), grid.get(311), grid.get(400));
    assertThat(CandidateGeneration.generate(List.of(sma), 5, 2, CandidateGeneration.Method.GRID))
        .isEqualTo(picked);
  }

  @Test
  void impossibleRequestsAreRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                CandidateGeneration.generate(
                    templates("buy-and-hold"), 2, 1, CandidateGeneration.Method.RANDOM))
        .hasMessage(
            "requested 2 candidates but templates [buy-and-hold] hold only 1 distinct parameter"
                + " sets");
    assertThatThrownBy(
            () ->
                CandidateGeneration.generate(
                    templates("macd", "macd"), 2, 1, CandidateGeneration.Method.RANDOM))
        .hasMessage("template 'macd' is listed twice");
    assertThatThrownBy(
            () ->
                CandidateGeneration.generate(
                    templates("macd"), 1001, 1, CandidateGeneration.Method.RANDOM))
        .hasMessage("candidates must be in 1..1000 but was 1001");
    assertThatThrownBy(() -> CandidateGeneration.Method.fromId("sobol"))
        .hasMessageContaining("known: random, grid");
  }
}
