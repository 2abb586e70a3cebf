package io.backtest.support.persistence;

import io.backtest.contracts.EventJson;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import java.io.IOException;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * JSON columns (parameters, settings, metrics) of every service are written in the contract's JSON
 * form ({@link EventJson}), independent of the REST layer's mapper: what an event carried is stored
 * and read back exactly, through the same validating records. (Without a mapper of its own, Quarkus
 * refuses to map JSON columns with the REST layer's ObjectMapper.)
 */
@JsonFormat
@PersistenceUnitExtension
public class JsonColumnFormat implements FormatMapper {
  private final FormatMapper delegate = new JacksonJsonFormatMapper(EventJson.mapper());

  @Override
  public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
    return delegate.fromString(text, type, options);
  }

  @Override
  public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
    return delegate.toString(value, type, options);
  }

  @Override
  public boolean supportsSourceType(Class<?> sourceType) {
    return delegate.supportsSourceType(sourceType);
  }

  @Override
  public boolean supportsTargetType(Class<?> targetType) {
    return delegate.supportsTargetType(targetType);
  }

  @Override
  public <T> void writeToTarget(T value, JavaType<T> type, Object target, WrapperOptions options)
      throws IOException {
    delegate.writeToTarget(value, type, target, options);
  }

  @Override
  public <T> T readFromSource(JavaType<T> type, Object source, WrapperOptions options)
      throws IOException {
    return delegate.readFromSource(type, source, options);
  }
}
