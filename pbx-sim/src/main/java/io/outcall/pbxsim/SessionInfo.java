package io.outcall.pbxsim;

import java.time.ZonedDateTime;

/** What security events say about a manager session, in Asterisk's formats ({@code IPV4/TCP/127.0.0.1/5038}). */
record SessionInfo(String sessionId, String localAddress, String remoteAddress, ZonedDateTime startedAt) {
}
