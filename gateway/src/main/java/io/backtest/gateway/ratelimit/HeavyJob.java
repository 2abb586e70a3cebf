package io.backtest.gateway.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that starts heavy work (a cycle, a backtest, a replay, a dataset): it is
 * rate-limited as {@link OperationClass#HEAVY}, with its own, smaller budget.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HeavyJob {}
