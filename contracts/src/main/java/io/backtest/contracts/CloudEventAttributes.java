package io.backtest.contracts;

/**
 * CloudEvents 1.0 attributes as the platform uses them in Kafka binary mode (CloudEvents Kafka
 * protocol binding, section 3.2.3): every attribute is a record header named {@code ce_<name>}, the
 * payload is the record value ({@code application/json}), the Kafka key is the subject.
 */
public final class CloudEventAttributes {
  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";

  /**
   * Extension: one id for a whole cycle, from the REST call that started it to the last audit
   * entry.
   */
  public static final String CORRELATION_ID = "correlationid";

  /** Extension: the {@code id} of the event that caused this one. */
  public static final String CAUSATION_ID = "causationid";

  public static final String HEADER_PREFIX = "ce_";
  public static final String HEADER_ID = "ce_id";
  public static final String HEADER_SOURCE = "ce_source";
  public static final String HEADER_SPEC_VERSION = "ce_specversion";
  public static final String HEADER_TYPE = "ce_type";
  public static final String HEADER_SUBJECT = "ce_subject";
  public static final String HEADER_TIME = "ce_time";
  public static final String HEADER_CONTENT_TYPE = "content-type";
  public static final String HEADER_CORRELATION_ID = HEADER_PREFIX + CORRELATION_ID;
  public static final String HEADER_CAUSATION_ID = HEADER_PREFIX + CAUSATION_ID;

  private CloudEventAttributes() {}
}
