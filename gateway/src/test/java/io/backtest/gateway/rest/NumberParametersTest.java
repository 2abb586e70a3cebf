package io.backtest.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class NumberParametersTest {
  private final NumberParameters provider = new NumberParameters();

  @SuppressWarnings("unused")
  private static void parameters(@QueryParam("size") int size, @PathParam("seq") long seq) {}

  private static Annotation[] annotationsOf(int index) throws NoSuchMethodException {
    return NumberParametersTest.class.getDeclaredMethod("parameters", int.class, long.class)
        .getParameterAnnotations()[index];
  }

  @Test
  void readsIntegersOfNamedParameters() throws Exception {
    ParamConverter<Integer> size = provider.getConverter(int.class, int.class, annotationsOf(0));
    ParamConverter<Long> seq = provider.getConverter(Long.class, Long.class, annotationsOf(1));

    assertThat(size.fromString("20")).isEqualTo(20);
    assertThat(size.fromString("-1")).isEqualTo(-1);
    assertThat(seq.fromString("9007199254740993")).isEqualTo(9_007_199_254_740_993L);
  }

  @Test
  void malformedNumberNamesTheParameter() throws Exception {
    ParamConverter<Integer> size = provider.getConverter(int.class, int.class, annotationsOf(0));
    ParamConverter<Long> seq = provider.getConverter(long.class, long.class, annotationsOf(1));

    assertThatThrownBy(() -> size.fromString("ten"))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("size");
              assertThat(e.reason()).isEqualTo("must be an integer");
              assertThat(e.getResponse().getStatus()).isEqualTo(400);
            });
    assertThatThrownBy(() -> size.fromString("99999999999"))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> seq.fromString("1.5"))
        .isInstanceOfSatisfying(
            InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("seq"));
  }

  @Test
  void leavesOtherTypesAndUnnamedValuesAlone() throws Exception {
    assertThat(provider.getConverter(String.class, String.class, annotationsOf(0))).isNull();
    assertThat(provider.getConverter(int.class, int.class, new Annotation[0])).isNull();
  }
}
