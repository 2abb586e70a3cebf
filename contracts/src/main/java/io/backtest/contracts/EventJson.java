package io.backtest.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;

/**
 * The one JSON form of event payloads: ISO-8601 times, every field written (nulls included, as the
 * schemas require), unknown fields tolerated (newer producers may add some), missing fields and
 * nulls for numbers rejected (a missing number must not silently become 0).
 */
public final class EventJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.ALWAYS)
          .build();

  private EventJson() {}

  /** A shared, thread-safe mapper configured as above. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The JSON of a payload. */
  public static String write(Object payload) {
    try {
      return MAPPER.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + payload.getClass().getName(), e);
    }
  }

  /**
   * Reads a payload.
   *
   * @throws MalformedEventException when the JSON is invalid or does not satisfy the record
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedEventException(
          "not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
    }
  }

  /** "field.path: reason" of the innermost cause, without Jackson's source excerpts. */
  private static String rootMessage(Exception e) {
    String path = "";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      path =
          mapping.getPath().stream()
                  .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                  .collect(Collectors.joining("."))
                  .replace(".[", "[")
              + ": ";
    }
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message =
        t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    return path + (message == null ? t.getClass().getSimpleName() : message);
  }
}
