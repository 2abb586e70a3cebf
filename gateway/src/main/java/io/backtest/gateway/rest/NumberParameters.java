package io.backtest.gateway.rest;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Reads integer path and query parameters so that a malformed one ({@code ?size=ten}) is a 400
 * problem naming the parameter, where JAX-RS would answer a bare 404.
 */
@Provider
public class NumberParameters implements ParamConverterProvider {

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    String name = parameterName(annotations);
    if (name == null) {
      return null;
    }
    if (rawType == Integer.class || rawType == int.class) {
      return (ParamConverter<T>) new Converter<>(name, Integer::valueOf);
    }
    if (rawType == Long.class || rawType == long.class) {
      return (ParamConverter<T>) new Converter<>(name, Long::valueOf);
    }
    return null;
  }

  private static String parameterName(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a instanceof QueryParam q) {
        return q.value();
      }
      if (a instanceof PathParam p) {
        return p.value();
      }
    }
    return null;
  }

  private record Converter<N extends Number>(String name, Function<String, N> parse)
      implements ParamConverter<N> {
    @Override
    public N fromString(String value) {
      try {
        return parse.apply(value.trim());
      } catch (NumberFormatException e) {
        throw new InvalidParameterException(name, "must be an integer");
      }
    }

    @Override
    public String toString(N value) {
      return value.toString();
    }
  }
}
