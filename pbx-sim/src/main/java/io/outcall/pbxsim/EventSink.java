package io.outcall.pbxsim;

/** Where the PBX core sends events; the network layer decides who receives them. */
interface EventSink {
    void publish(AmiMessage event);

    /** One instant's events, which no action's response may split. */
    default void publishAll(java.util.List<AmiMessage> events) {
        events.forEach(this::publish);
    }
}
