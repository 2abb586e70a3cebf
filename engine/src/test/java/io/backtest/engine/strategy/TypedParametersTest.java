package io.backtest.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedParametersTest {

  private final StrategyTemplate sma = new SmaCrossoverTemplate();
  private final StrategyTemplate bollinger = new BollingerReversionTemplate();

  @Test
  void decimalRangeEnumeratesExactDecimals() {
    ParameterRange range = ParameterRange.ofDecimal("x", "0.1", "0.5", "0.1");

    assertThat(range.count()).isEqualTo(5);
    // 0.1 + 2 × 0.1 in binary floating point would be 0.30000000000000004.
    assertThat(range.valueAt(2)).isEqualTo(0.3);
    assertThat(range.valueAt(4)).isEqualTo(0.5);
    assertThat(range.contains(0.3)).isTrue();
    assertThat(range.contains(0.35)).isFalse();
    assertThat(range.describe()).isEqualTo("0.1..0.5 step 0.1");
  }

  @Test
  void gridValuesAreIntegerForIntAndDoubleForDecimal() {
    Parameters first = bollinger.space().grid().getFirst();

    assertThat(first.asMap()).containsExactly(Map.entry("period", 10), Map.entry("k", 1.0));
    assertThat(first.asMap().get("period")).isInstanceOf(Integer.class);
    assertThat(first.asMap().get("k")).isInstanceOf(Double.class);
    assertThat(bollinger.space().gridSize()).isEqualTo(26 * 9);
    assertThat(bollinger.space().grid()).extracting(p -> p.getDouble("k")).contains(2.25, 2.75);
  }

  @Test
  void optionalParametersAreNotOnTheGridButValidatedWhenPresent() {
    assertThat(sma.space().gridSize()).isEqualTo(445);
    assertThat(sma.space().grid()).allMatch(p -> p.size() == 2);
    assertThat(sma.space().gridNames()).containsExactly("fast", "slow");

    Parameters base = Parameters.empty().with("fast", 10).with("slow", 50);
    assertThat(sma.space().violations(base.with("stopLossPct", 2.5))).isEmpty();
    assertThat(sma.space().violations(base.with("stopLossPct", 2.3)))
        .containsExactly("stopLossPct=2.3 is not on the grid 0.5..20 step 0.5");
    assertThat(sma.space().violations(base.with("stopLossPct", 25.0)))
        .containsExactly("stopLossPct=25.0 is outside 0.5..20");
  }

  @Test
  void violationsNameTheParameter() {
    assertThat(sma.space().violations(Parameters.empty().with("fast", 10).with("slow", 55)))
        .containsExactly("slow=55 is not on the grid 10..200 step 10");
    assertThat(sma.space().violations(Parameters.empty().with("fast", 10).with("slow", 50.5)))
        .containsExactly("slow=50.5 is not an integer");
    assertThat(
            sma.space()
                .violations(Parameters.empty().with("fast", 10).with("slow", 50).with("x", 1)))
        .singleElement()
        .asString()
        .startsWith("unknown parameter 'x' (expected [fast, slow, stopLossPct,");
    assertThat(sma.space().violations(Parameters.empty().with("fast", 60).with("slow", 50)))
        .containsExactly("fast=60 is outside 2..50");
    assertThat(sma.space().violations(Parameters.empty().with("fast", 50).with("slow", 50)))
        .containsExactly("constraint 'fast < slow' violated by fast=50, slow=50");
  }

  @Test
  void atMostOneStopKindPerSideAndAtrPeriodOnlyWithAnAtrStop() {
    Parameters base = Parameters.empty().with("fast", 10).with("slow", 50);

    assertThatThrownBy(() -> sma.validate(base.with("stopLossPct", 2.0).with("stopLossAtr", 2.0)))
        .hasMessageContaining("constraint 'at most one stop-loss: stopLossPct or stopLossAtr'");
    assertThatThrownBy(
            () -> sma.validate(base.with("takeProfitPct", 2.0).with("takeProfitAtr", 2.0)))
        .hasMessageContaining("constraint 'at most one take-profit");
    assertThatThrownBy(() -> sma.validate(base.with("atrPeriod", 10)))
        .hasMessageContaining("atrPeriod only with stopLossAtr or takeProfitAtr");
    sma.validate(base.with("stopLossAtr", 2.0).with("takeProfitPct", 3.0).with("atrPeriod", 10));
  }

  @Test
  void buyAndHoldHasOneEmptyPointAndNoStops() {
    StrategyTemplate hold = new BuyAndHoldTemplate();

    assertThat(hold.space().grid()).containsExactly(Parameters.empty());
    assertThatThrownBy(() -> hold.validate(Parameters.empty().with("stopLossPct", 2.0)))
        .hasMessageContaining("unknown parameter 'stopLossPct'");
  }

  @Test
  void typedConvertsToDeclaredTypesInDeclarationOrder() {
    Map<String, Number> raw = new LinkedHashMap<>();
    raw.put("k", 2);
    raw.put("period", 20L);

    Parameters typed = bollinger.space().typed(raw);

    assertThat(typed.asMap()).containsExactly(Map.entry("period", 20), Map.entry("k", 2.0));
    assertThatThrownBy(() -> bollinger.space().typed(Map.of("period", 20.5)))
        .hasMessage("period=20.5 is not an integer");
  }

  @Test
  void parametersCompareByNumericValueAndReadTyped() {
    Parameters a = Parameters.of(Map.of("k", 2));
    Parameters b = Parameters.of(Map.of("k", 2.0));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(b.getInt("k")).isEqualTo(2);
    assertThat(a.getDouble("k")).isEqualTo(2.0);
    assertThatThrownBy(() -> Parameters.of(Map.of("k", 2.5)).getInt("k"))
        .hasMessage("parameter 'k' is 2.5, not an integer");
    assertThatThrownBy(() -> Parameters.empty().with("k", Double.NaN))
        .hasMessage("parameter 'k' is NaN, not finite");
  }

  @Test
  void smaCrossoverSampleIsUnchangedByTypedParameters() {
    // The candidate generator's documented algorithm over the unchanged grid order.
    List<Parameters> grid = sma.space().grid();
    assertThat(grid.subList(0, 3))
        .containsExactly(
            Parameters.empty().with("fast", 2).with("slow", 10),
            Parameters.empty().with("fast", 2).with("slow", 20),
            Parameters.empty().with("fast", 2).with("slow", 30));
    assertThat(grid.getLast()).isEqualTo(Parameters.empty().with("fast", 50).with("slow", 200));
  }
}
