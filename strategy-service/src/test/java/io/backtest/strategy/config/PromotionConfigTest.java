package io.backtest.strategy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.selection.PromotionRules;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * The promotion settings: their defaults are the engine's documented ones, whatever either says
 * next, and the cap is bounded.
 */
class PromotionConfigTest {

  @Test
  void defaultsAreTheEnginesDocumentedRules() {
    PromotionConfig defaults =
        (PromotionConfig)
            Proxy.newProxyInstance(
                PromotionConfig.class.getClassLoader(),
                new Class<?>[] {PromotionConfig.class},
                (proxy, method, args) -> {
                  if (method.isDefault()) {
                    return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                  }
                  return parse(method);
                });

    assertThat(defaults.rules()).isEqualTo(PromotionRules.DEFAULT);
  }

  @Test
  void everySettingHasADefault() {
    for (Method m : PromotionConfig.class.getDeclaredMethods()) {
      if (!m.isDefault() && !m.isSynthetic()) {
        assertThat(m.getAnnotation(WithDefault.class)).as(m.getName()).isNotNull();
      }
    }
  }

  private static Object parse(Method method) {
    String value = method.getAnnotation(WithDefault.class).value();
    Class<?> type = method.getReturnType();
    if (type == int.class) {
      return Integer.parseInt(value);
    }
    if (type == double.class) {
      return Double.parseDouble(value);
    }
    if (type == boolean.class) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalStateException(method + " has an unexpected type " + type);
  }

  @Test
  void capAboveAThousandOrBelowOneIsRefusedAtStartUp() {
    assertThat(read(Map.of("strategy.promotion.cap", "1000")).cap()).isEqualTo(1000);
    assertThat(read(Map.of()).rules()).isEqualTo(PromotionRules.DEFAULT);
    for (String cap : new String[] {"1001", "0"}) {
      assertThatThrownBy(() -> read(Map.of("strategy.promotion.cap", cap)))
          .isInstanceOf(ConfigValidationException.class)
          .hasMessageContaining("strategy.promotion.cap");
    }
  }

  @Test
  void regimeFitIsOffByDefaultAndReadFromItsTwoSettings() {
    PromotionRules defaults = read(Map.of()).rules();
    assertThat(defaults.requireRegimeFit()).isFalse();
    assertThat(defaults.minRegimePoints()).isEqualTo(20);
    PromotionConfig on =
        read(
            Map.of(
                "strategy.promotion.regime-fit.required", "true",
                "strategy.promotion.regime-fit.min-points", "30"));
    assertThat(on.regimeFitRequired()).isTrue();
    assertThat(on.rules()).isEqualTo(PromotionRules.DEFAULT.withRegimeFit(true, 30));
    assertThatThrownBy(() -> read(Map.of("strategy.promotion.regime-fit.min-points", "0")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("strategy.promotion.regime-fit.min-points");
  }

  /** The mapping as SmallRye Config builds and validates it at start-up. */
  private static PromotionConfig read(Map<String, String> properties) {
    Validator validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(PromotionConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 500))
            .withValidator(
                new BeanValidationConfigValidator() {
                  @Override
                  public Validator getValidator() {
                    return validator;
                  }
                })
            .build();
    return config.getConfigMapping(PromotionConfig.class);
  }
}
