package io.outcall.bridge.calls;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Asking Asterisk which channels it has (AMI {@code CoreShowChannels}). */
@FunctionalInterface
public interface AsteriskChannels {

    /**
     * Live channel uniqueids per Linkedid (a call id, for the bridge's calls). Blocks on the AMI
     * round trip: never called on asterisk-java's threads or the tracker's.
     */
    Map<String, Set<String>> liveByLinkedId() throws IOException;
}
