package io.backtest.contracts;

/** A record that can never be processed: it goes to the topic's dead-letter queue, not retried. */
public class MalformedEventException extends RuntimeException {
  public MalformedEventException(String message) {
    super(message);
  }

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
