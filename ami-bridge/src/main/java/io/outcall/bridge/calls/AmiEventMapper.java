package io.outcall.bridge.calls;

import io.outcall.bridge.ami.AnyUserEvent;
import io.outcall.core.call.HangupCause;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.VarSetEvent;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns AMI events into call facts: finds the event's call by Linkedid (every channel of a call
 * carries its attempt's channel id there, because it was originated with {@code ChannelId:} that id,
 * the call id on a first attempt; see OriginateActions#channelId) or, for
 * OriginateResponse, by ActionID; records the event on the call's timeline, updates its
 * {@link CallFacts} and channels, writes its status when it moved forward, and asks the finisher
 * whether the call is over. Tracker thread only.
 */
final class AmiEventMapper {

    private static final int STATE_RINGING = 5;
    private static final int STATE_UP = 6;
    private static final Set<String> STANDARD_USER_EVENT_HEADERS = Set.of("event", "userevent", "privilege",
            "channel", "channelstate", "channelstatedesc", "calleridnum", "calleridname", "connectedlinenum",
            "connectedlinename", "language", "accountcode", "context", "exten", "priority", "uniqueid", "linkedid",
            "systemname");

    private final FollowedCalls calls;
    private final CallJournal journal;
    private final CallCancels cancels;
    private final CallFinisher finisher;
    private final AmdEvents amd;
    private final OptOuts optOuts;

    AmiEventMapper(FollowedCalls calls, CallJournal journal, CallCancels cancels, CallFinisher finisher, OptOuts optOuts) {
        this.optOuts = optOuts;
        this.calls = calls;
        this.journal = journal;
        this.cancels = cancels;
        this.finisher = finisher;
        this.amd = new AmdEvents(journal);
    }

    /**
     * @param at  when Asterisk's event was received: the time the call record gets
     * @param now the tracker's clock: when the call was last heard from, for the quiet-call check
     */
    void apply(ManagerEvent event, Instant at, Instant now) {
        LiveCall call = switch (event) {
            case OriginateResponseEvent e -> onOriginateResponse(e, at);
            case NewChannelEvent e -> onNewChannel(e, at);
            case NewStateEvent e -> onNewState(e, at);
            case DialBeginEvent e -> onDialBegin(e, at);
            case DialStateEvent e -> onDialState(e, at);
            case DialEndEvent e -> onDialEnd(e, at);
            case HangupEvent e -> onHangup(e, at);
            case BridgeEnterEvent e -> onBridge("BridgeEnter", e.getLinkedId(), e.getChannel(), e.getBridgeUniqueId(), at);
            case BridgeLeaveEvent e -> onBridge("BridgeLeave", e.getLinkedId(), e.getChannel(), e.getBridgeUniqueId(), at);
            case AnyUserEvent e -> onUserEvent(e, at);
            case VarSetEvent e -> onVarSet(e, at);
            // Not a call event: Asterisk should filter these (manager.conf); nothing to do.
            default -> null;
        };
        if (call != null) {
            call.lastHeard = now;
            journal.progressed(call);
            finisher.settle(call, at);
        }
    }

    private LiveCall onOriginateResponse(OriginateResponseEvent e, Instant at) {
        LiveCall call = calls.byActionId(e.getActionId());
        if (call != null) {
            call.facts = call.facts.originateResponse(e.getReason(), at);
            journal.record(call, "OriginateResponse", at, e.getChannel(), fields("Response", e.getResponse(),
                    "Reason", str(e.getReason()), "Uniqueid", e.getUniqueId()));
        }
        return call;
    }

    private LiveCall onNewChannel(NewChannelEvent e, Instant at) {
        LiveCall call = calls.byChannelId(e.getLinkedid());
        if (call == null) {
            return null;
        }
        call.channels.appeared(e.getUniqueId(), e.getChannel());
        if (e.getUniqueId().equals(call.channelId)) {
            call.facts = call.facts.channel(e.getChannel());
        }
        journal.record(call, "Newchannel", at, e.getChannel(), fields("Uniqueid", e.getUniqueId(),
                "ChannelState", str(e.getChannelState()), "ChannelStateDesc", e.getChannelStateDesc(),
                "Context", e.getContext(), "Exten", e.getExten()));
        cancels.channelAppeared(call);
        return call;
    }

    private LiveCall onNewState(NewStateEvent e, Instant at) {
        LiveCall call = calls.byChannelId(e.getLinkedId());
        if (call == null) {
            return null;
        }
        Integer state = e.getChannelState();
        if (e.getUniqueId().equals(call.channelId) && state != null) {
            if (state == STATE_RINGING) {
                call.facts = call.facts.rang(at);
            } else if (state == STATE_UP) {
                call.facts = call.facts.answered(at);
            }
        }
        journal.record(call, "Newstate", at, e.getChannel(), fields("Uniqueid", e.getUniqueId(),
                "ChannelState", str(e.getChannelState()), "ChannelStateDesc", e.getChannelStateDesc()));
        return call;
    }

    private LiveCall onDialBegin(DialBeginEvent e, Instant at) {
        LiveCall call = callOfDial(e.getLinkedId(), e.getDestLinkedId());
        if (call != null) {
            journal.record(call, "DialBegin", at, e.getChannel(), fields("DestChannel", e.getDestChannel(),
                    "DestUniqueid", e.getDestUniqueId(), "DialString", e.getDialString()));
        }
        return call;
    }

    private LiveCall onDialState(DialStateEvent e, Instant at) {
        LiveCall call = callOfDial(e.getLinkedId(), e.getDestLinkedId());
        if (call == null) {
            return null;
        }
        if (call.channelId.equals(e.getDestUniqueId()) && "RINGING".equals(e.getDialStatus())) {
            call.facts = call.facts.rang(at);
        }
        journal.record(call, "DialState", at, e.getChannel(), fields("DestChannel", e.getDestChannel(),
                "DestUniqueid", e.getDestUniqueId(), "DialStatus", e.getDialStatus()));
        return call;
    }

    private LiveCall onDialEnd(DialEndEvent e, Instant at) {
        LiveCall call = callOfDial(e.getLinkedId(), e.getDestLinkedId());
        if (call == null) {
            return null;
        }
        if (call.channelId.equals(e.getDestUniqueId())) {
            call.facts = call.facts.dialEnded(e.getDialStatus(), at);
        }
        journal.record(call, "DialEnd", at, e.getChannel(), fields("DestChannel", e.getDestChannel(),
                "DestUniqueid", e.getDestUniqueId(), "DialStatus", e.getDialStatus()));
        return call;
    }

    private LiveCall onHangup(HangupEvent e, Instant at) {
        LiveCall call = calls.byChannelId(e.getLinkedId());
        if (call == null) {
            return null;
        }
        HangupCause cause = new HangupCause(e.getCause() == null ? 0 : e.getCause(), e.getCauseTxt());
        String uniqueId = e.getUniqueId();
        if (uniqueId.equals(call.dialedHalfId)) {
            call.facts = call.facts.dialedHalfHungUp(cause, at);
        } else if (uniqueId.equals(call.channelId)) {
            call.facts = call.facts.originatedHungUp(cause, at);
        } else {
            call.facts = call.facts.otherChannelHungUp(at);
        }
        call.channels.hungUp(uniqueId);
        journal.record(call, "Hangup", at, e.getChannel(), fields("Uniqueid", uniqueId, "Cause", str(e.getCause()),
                "Cause-txt", e.getCauseTxt()));
        return call;
    }

    private LiveCall onBridge(String name, String linkedId, String channel, String bridgeId, Instant at) {
        LiveCall call = calls.byChannelId(linkedId);
        if (call != null) {
            journal.record(call, name, at, channel, fields("BridgeUniqueid", bridgeId));
        }
        return call;
    }

    private LiveCall onUserEvent(AnyUserEvent e, Instant at) {
        LiveCall call = calls.byChannelId(e.linkedId());
        if (call == null) {
            return null;
        }
        Map<String, String> custom = new LinkedHashMap<>();
        e.headers().forEach((k, v) -> {
            if (!STANDARD_USER_EVENT_HEADERS.contains(k)) {
                custom.put(k, v);
            }
        });
        journal.record(call, "UserEvent:" + e.name(), at, e.getChannel(), custom);
        amd.userEvent(call, e, at);
        if (OptOuts.USER_EVENT.equals(e.name())) {
            optOuts.optedOut(call.callId, call.tenantId);
        }
        return call;
    }

    /** Only app_amd's variables reach here (AmiEventQueue); they go on the timeline when they are the call's. */
    private LiveCall onVarSet(VarSetEvent e, Instant at) {
        LiveCall call = calls.byChannelId(e.getLinkedId());
        if (call == null) {
            return null;
        }
        if (amd.varSet(call, e, at)) {
            journal.record(call, "VarSet:" + e.getVariable(), at, e.getChannel(), fields("Value", e.getValue()));
        }
        return call;
    }

    /** A dial without a calling channel (the originate itself) names the call only in DestLinkedid. */
    private LiveCall callOfDial(String linkedId, String destLinkedId) {
        LiveCall call = calls.byChannelId(linkedId);
        return call != null ? call : calls.byChannelId(destLinkedId);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    /** Name/value pairs, nulls left out. */
    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new HashMap<>(pairs.length);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
