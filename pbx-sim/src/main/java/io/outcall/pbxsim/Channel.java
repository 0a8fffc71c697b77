package io.outcall.pbxsim;

/**
 * One live channel. Mutable because a channel's snapshot changes as the dialplan runs; every mutation happens
 * under its call's lock, and events copy the fields out at render time, so a rendered event is a true snapshot.
 */
final class Channel {

    final String name;
    final String uniqueid;
    final String linkedid;
    final Call call;
    final long createdNanos;

    ChannelState state;
    CallerId callerId = CallerId.NONE;
    CallerId connected = CallerId.NONE;
    String context;
    String exten;
    int priority = 1;
    String application = "";
    String applicationData = "";
    String bridgeId = "";
    boolean alive = true;

    Channel(Call call, String name, String uniqueid, String linkedid, ChannelState state, String context,
            String exten, long createdNanos) {
        this.call = call;
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.state = state;
        this.context = context;
        this.exten = exten;
        this.createdNanos = createdNanos;
    }

    /** Moves the channel to a dialplan location, as a Newexten event will then report it. */
    void at(String newContext, String newExten, int newPriority, String app, String appData) {
        context = newContext;
        exten = newExten;
        priority = newPriority;
        application = app;
        applicationData = appData;
    }

    @Override
    public String toString() {
        return name + "(" + uniqueid + ")";
    }
}
