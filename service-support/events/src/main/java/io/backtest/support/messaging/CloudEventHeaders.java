package io.backtest.support.messaging;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.MalformedEventException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the CloudEvents attributes of a Kafka record in binary mode (CloudEvents Kafka protocol
 * binding 1.0, section 3.2.3: one {@code ce_<attribute>} header per attribute).
 *
 * <p>The services read the headers themselves instead of letting the Kafka connector do it: the
 * connector fails its whole channel on a record with, say, an unparsable {@code ce_time}, where a
 * malformed record must go to the dead-letter topic and the consumer go on.
 */
public final class CloudEventHeaders {
  private CloudEventHeaders() {}

  /**
   * The record's attributes.
   *
   * @throws MalformedEventException when the record carries no CloudEvents headers, or required
   *     ones are missing or malformed ({@code ce_specversion} 1.0, {@code ce_id} a UUID, {@code
   *     ce_source} a URI-reference, {@code ce_type}; {@code ce_time}, when present, RFC 3339)
   */
  public static CloudEventContext read(Headers headers) {
    String specVersion = header(headers, CloudEventAttributes.HEADER_SPEC_VERSION);
    if (specVersion == null) {
      throw new MalformedEventException(
          "record carries no CloudEvents headers (ce_specversion is missing)");
    }
    if (!CloudEventAttributes.SPEC_VERSION.equals(specVersion)) {
      throw new MalformedEventException(
          "ce_specversion "
              + specVersion
              + " is not supported (expected "
              + CloudEventAttributes.SPEC_VERSION
              + ")");
    }
    return new CloudEventContext(
        id(required(headers, CloudEventAttributes.HEADER_ID)),
        required(headers, CloudEventAttributes.HEADER_TYPE),
        source(required(headers, CloudEventAttributes.HEADER_SOURCE)),
        header(headers, CloudEventAttributes.HEADER_SUBJECT),
        time(header(headers, CloudEventAttributes.HEADER_TIME)),
        header(headers, CloudEventAttributes.HEADER_CORRELATION_ID),
        header(headers, CloudEventAttributes.HEADER_CAUSATION_ID));
  }

  /** The last value of a header as UTF-8 text, or null when absent or empty. */
  public static String header(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    if (header == null || header.value() == null || header.value().length == 0) {
      return null;
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String required(Headers headers, String name) {
    String value = header(headers, name);
    if (value == null || value.isBlank()) {
      throw new MalformedEventException(name + " is missing");
    }
    return value;
  }

  private static UUID id(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("ce_id is not a UUID: " + id);
    }
  }

  /** CloudEvents 1.0 section 3.1.1: source is a non-empty URI-reference. */
  private static String source(String source) {
    try {
      new URI(source);
      return source;
    } catch (URISyntaxException e) {
      throw new MalformedEventException("ce_source is not a URI-reference: " + source);
    }
  }

  /** CloudEvents 1.0 section 3.1.1: time is an RFC 3339 timestamp. */
  private static Instant time(String time) {
    if (time == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedEventException("ce_time is not an RFC 3339 timestamp: " + time);
    }
  }
}
