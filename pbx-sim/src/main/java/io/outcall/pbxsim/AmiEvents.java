package io.outcall.pbxsim;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Renders every event and list item the simulator sends, header for header in the order the traces show.
 * Stateless; the channel arguments are read at call time, so each message is a snapshot.
 */
final class AmiEvents {

    private static final String CALL = "call,all";
    private static final String DIALPLAN = "dialplan,all";
    private static final String SECURITY = "security,all";
    private static final String SYSTEM = "system,all";
    private static final DateTimeFormatter EVENT_TV =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** Standard channel snapshot block; {@code prefix} is "", "Dest", "LocalOne" or "LocalTwo". */
    static AmiMessage.Builder snapshot(AmiMessage.Builder b, String prefix, Channel c) {
        return b.header(prefix + "Channel", c.name)
                .header(prefix + "ChannelState", c.state.code)
                .header(prefix + "ChannelStateDesc", c.state.description)
                .header(prefix + "CallerIDNum", c.callerId.number())
                .header(prefix + "CallerIDName", c.callerId.name())
                .header(prefix + "ConnectedLineNum", c.connected.number())
                .header(prefix + "ConnectedLineName", c.connected.name())
                .header(prefix + "Language", "en")
                .header(prefix + "AccountCode", "")
                .header(prefix + "Context", c.context)
                .header(prefix + "Exten", c.exten)
                .header(prefix + "Priority", c.priority)
                .header(prefix + "Uniqueid", c.uniqueid)
                .header(prefix + "Linkedid", c.linkedid);
    }

    private AmiMessage.Builder channelEvent(String event, String privilege, Channel c) {
        return snapshot(AmiMessage.event(event).header("Privilege", privilege), "", c);
    }

    AmiMessage newchannel(Channel c) {
        return channelEvent("Newchannel", CALL, c).build();
    }

    AmiMessage newstate(Channel c) {
        return channelEvent("Newstate", CALL, c).build();
    }

    AmiMessage newexten(Channel c) {
        return channelEvent("Newexten", DIALPLAN, c)
                .header("Extension", c.exten)
                .header("Application", c.application)
                .header("AppData", c.applicationData)
                .build();
    }

    AmiMessage varSet(Channel c, String variable, String value) {
        return channelEvent("VarSet", DIALPLAN, c).header("Variable", variable).header("Value", value).build();
    }

    /** Only the channel snapshot: no file name, no MixMonitor id (ami-traces finding 5). */
    AmiMessage mixMonitorStart(Channel c) {
        return channelEvent("MixMonitorStart", CALL, c).build();
    }

    AmiMessage newCallerid(Channel c) {
        return channelEvent("NewCallerid", CALL, c)
                .header("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")
                .build();
    }

    AmiMessage newConnectedLine(Channel c) {
        return channelEvent("NewConnectedLine", CALL, c).build();
    }

    AmiMessage localBridge(Channel one, Channel two, String context, String exten) {
        AmiMessage.Builder b = AmiMessage.event("LocalBridge").header("Privilege", CALL);
        snapshot(b, "LocalOne", one);
        snapshot(b, "LocalTwo", two);
        return b.header("Context", context).header("Exten", exten).header("LocalOptimization", "Yes").build();
    }

    /** The originate's own dial has no caller channel (README surprise 2): pass caller = null. */
    private AmiMessage.Builder dialEvent(String event, Channel caller, Channel dest) {
        AmiMessage.Builder b = AmiMessage.event(event).header("Privilege", CALL);
        if (caller != null) {
            snapshot(b, "", caller);
        }
        return snapshot(b, "Dest", dest);
    }

    AmiMessage dialBegin(Channel caller, Channel dest, String dialString) {
        return dialEvent("DialBegin", caller, dest).header("DialString", dialString).build();
    }

    AmiMessage dialState(Channel caller, Channel dest, String status) {
        return dialEvent("DialState", caller, dest).header("DialStatus", status).build();
    }

    AmiMessage dialEnd(Channel caller, Channel dest, String status) {
        return dialEvent("DialEnd", caller, dest).header("DialStatus", status).build();
    }

    AmiMessage hangupRequest(Channel c, int cause) {
        return channelEvent("HangupRequest", CALL, c).header("Cause", cause).build();
    }

    /** Cause here is a soft-hangup flag mask (16 = APPUNLOAD, 4 = SHUTDOWN), not Q.850 (README surprise 7). */
    AmiMessage softHangupRequest(Channel c, int flags) {
        return channelEvent("SoftHangupRequest", CALL, c).header("Cause", flags).build();
    }

    AmiMessage hangup(Channel c, int cause) {
        return channelEvent("Hangup", CALL, c)
                .header("Cause", cause)
                .header("Cause-txt", HangupCause.text(cause))
                .build();
    }

    AmiMessage deviceStateChange(String device, String state) {
        return AmiMessage.event("DeviceStateChange").header("Privilege", CALL)
                .header("Device", device).header("State", state).build();
    }

    /** {@code fields} alternate key, value. */
    AmiMessage userEvent(Channel c, String name, String... fields) {
        AmiMessage.Builder b = channelEvent("UserEvent", "user,all", c).header("UserEvent", name);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            b.header(fields[i], fields[i + 1]);
        }
        return b.build();
    }

    AmiMessage originateResponse(String actionId, boolean success, String channel, String context, String exten,
                                 int reason, String uniqueid, CallerId callerId) {
        return AmiMessage.event("OriginateResponse").header("Privilege", CALL)
                .actionId(actionId)
                .header("Response", success ? "Success" : "Failure")
                .header("Channel", channel)
                .header("Context", context)
                .header("Exten", exten)
                .header("Reason", reason)
                .header("Uniqueid", uniqueid)
                .header("CallerIDNum", callerId.number())
                .header("CallerIDName", callerId.name())
                .build();
    }

    private AmiMessage.Builder bridge(String event, String bridgeId, int numChannels) {
        return AmiMessage.event(event).header("Privilege", CALL)
                .header("BridgeUniqueid", bridgeId)
                .header("BridgeType", "basic")
                .header("BridgeTechnology", "simple_bridge")
                .header("BridgeCreator", CallerId.UNKNOWN)
                .header("BridgeName", CallerId.UNKNOWN)
                .header("BridgeNumChannels", numChannels)
                .header("BridgeVideoSourceMode", "none");
    }

    AmiMessage bridgeCreate(String bridgeId) {
        return bridge("BridgeCreate", bridgeId, 0).build();
    }

    AmiMessage bridgeDestroy(String bridgeId) {
        return bridge("BridgeDestroy", bridgeId, 0).build();
    }

    AmiMessage bridgeEnter(String bridgeId, int numChannels, Channel c) {
        return snapshot(bridge("BridgeEnter", bridgeId, numChannels), "", c).build();
    }

    AmiMessage bridgeLeave(String bridgeId, int numChannels, Channel c) {
        return snapshot(bridge("BridgeLeave", bridgeId, numChannels), "", c).build();
    }

    /** List item: no Privilege header, ActionID second (trace 12). */
    AmiMessage coreShowChannel(String actionId, Channel c, String duration) {
        AmiMessage.Builder b = AmiMessage.event("CoreShowChannel").actionId(actionId);
        return snapshot(b, "", c)
                .header("Application", c.application)
                .header("ApplicationData", c.applicationData)
                .header("Duration", duration)
                .header("BridgeId", c.bridgeId)
                .build();
    }

    AmiMessage coreShowChannelsComplete(String actionId, int items) {
        return AmiMessage.event("CoreShowChannelsComplete").actionId(actionId)
                .header("EventList", "Complete").header("ListItems", items).build();
    }

    AmiMessage fullyBooted(long uptimeSeconds) {
        return AmiMessage.event("FullyBooted").header("Privilege", SYSTEM)
                .header("Uptime", Long.toString(uptimeSeconds))
                .header("LastReload", Long.toString(uptimeSeconds))
                .header("Status", "Fully Booted")
                .build();
    }

    AmiMessage shutdown() {
        return AmiMessage.event("Shutdown").header("Privilege", SYSTEM)
                .header("Shutdown", "Cleanly").header("Restart", "True").build();
    }

    AmiMessage successfulAuth(SessionInfo s, String account) {
        return security("SuccessfulAuth", "Informational", "1", s, ZonedDateTime.now())
                .header("AccountID", account)
                .header("SessionID", s.sessionId())
                .header("LocalAddress", s.localAddress())
                .header("RemoteAddress", s.remoteAddress())
                .header("UsingPassword", "0")
                .header("SessionTV", EVENT_TV.format(s.startedAt()))
                .build();
    }

    /** {@code event} is InvalidPassword (EventVersion 2) or InvalidAccountID (1); session time is unset then. */
    AmiMessage failedAuth(String event, SessionInfo s, String account) {
        return security(event, "Error", event.equals("InvalidPassword") ? "2" : "1", s, ZonedDateTime.now())
                .header("AccountID", account)
                .header("SessionID", s.sessionId())
                .header("LocalAddress", s.localAddress())
                .header("RemoteAddress", s.remoteAddress())
                .header("SessionTV", "1970-01-01T00:00:00.000+0000")
                .build();
    }

    AmiMessage requestNotAllowed(SessionInfo s, String actionName) {
        return security("RequestNotAllowed", "Error", "1", s, ZonedDateTime.now())
                .header("AccountID", "")
                .header("SessionID", s.sessionId())
                .header("LocalAddress", s.localAddress())
                .header("RemoteAddress", s.remoteAddress())
                .header("RequestType", "Action: " + actionName)
                .header("SessionTV", "1970-01-01T00:00:00.000+0000")
                .build();
    }

    AmiMessage requestBadFormat(SessionInfo s, String account, String actionName) {
        return security("RequestBadFormat", "Error", "1", s, ZonedDateTime.now())
                .header("SessionID", s.sessionId())
                .header("LocalAddress", s.localAddress())
                .header("RemoteAddress", s.remoteAddress())
                .header("RequestType", "Action: " + actionName)
                .header("SessionTV", EVENT_TV.format(s.startedAt()))
                .header("AccountID", account)
                .build();
    }

    private AmiMessage.Builder security(String event, String severity, String version, SessionInfo s,
                                        ZonedDateTime now) {
        return AmiMessage.event(event).header("Privilege", SECURITY)
                .header("EventTV", EVENT_TV.format(now))
                .header("Severity", severity)
                .header("Service", "AMI")
                .header("EventVersion", version);
    }
}
