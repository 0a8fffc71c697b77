package io.outcall.core.call;

/** A Q.850 hangup cause as Asterisk reports it: code and text, e.g. 17 "User busy". */
public record HangupCause(int code, String text) {
}
