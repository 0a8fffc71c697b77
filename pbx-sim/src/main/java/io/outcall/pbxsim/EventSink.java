package io.outcall.pbxsim;

/** Where the PBX core sends events; the network layer decides who receives them. */
interface EventSink {
    void publish(AmiMessage event);
}
