package io.backtest.gateway.service;

/**
 * A downstream service refused the request (4xx, or an own 5xx error): its problem is passed on to
 * the caller with the gateway's path as {@code instance}.
 */
public class DownstreamProblemException extends RuntimeException {
  private final transient DownstreamReply reply;

  public DownstreamProblemException(DownstreamReply reply) {
    super(reply.service().serviceName() + " answered " + reply.status(), null, false, false);
    this.reply = reply;
  }

  public DownstreamReply reply() {
    return reply;
  }
}
