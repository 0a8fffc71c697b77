package io.outcall.pbxsim;

import java.util.function.Consumer;

/**
 * The one result an Originate gets: an OriginateResponse event for {@code Async: true}, or the pending action
 * response for a synchronous Originate. Reported at most once, whatever path the call takes.
 */
final class OriginateReport {

    private final OriginateRequest req;
    private final Consumer<Boolean> syncResult;   // non-null for Async: false, which gets no OriginateResponse
    private final CallOutput out;
    private boolean reported;

    OriginateReport(OriginateRequest req, Consumer<Boolean> syncResult, CallOutput out) {
        this.req = req;
        this.syncResult = syncResult;
        this.out = out;
    }

    /** {@code originated} is the ;1 half whose name and Uniqueid a success reports. */
    void report(boolean success, int reason, Channel originated) {
        if (reported) {
            return;
        }
        reported = true;
        if (syncResult != null) {
            syncResult.accept(success);
            return;
        }
        // README surprise 4: a failure names the dial string, and the Uniqueid only if the caller chose it
        String uniqueid = success ? originated.uniqueid : req.channelId() != null ? req.channelId() : CallerId.UNKNOWN;
        out.emit(out.events().originateResponse(req.actionId(), success, success ? originated.name : req.dialString(),
                req.context(), req.exten(), reason, uniqueid, req.callerId()));
    }

    /** README "Duplicate ChannelId": refused with the live channel's id. */
    void refuseDuplicate(String liveId) {
        reported = true;
        if (syncResult != null) {
            syncResult.accept(false);
        } else {
            out.emit(out.events().originateResponse(req.actionId(), false, req.dialString(), req.context(),
                    req.exten(), 0, liveId, req.callerId()));
        }
    }
}
