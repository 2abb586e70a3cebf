package io.backtest.support.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A JSON object that names a member twice is refused (400 naming the duplicate) rather than read
 * with the last value winning. RFC 8259 section 4 leaves such documents to the reader; reading them
 * would let two readers of one request see different values, and a duplicate member of a
 * record-typed body otherwise fails inside Jackson's creator (an InvalidDefinitionException, which
 * would be answered 500).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
  }
}
