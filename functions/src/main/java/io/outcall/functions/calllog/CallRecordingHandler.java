package io.outcall.functions.calllog;

import io.outcall.core.call.Call;
import io.outcall.core.recording.RecordingFiles;
import io.outcall.core.recording.RecordingKeys;
import io.outcall.core.recording.RecordingStore;
import io.outcall.core.tenant.AuditEntry;
import io.outcall.functions.RecordingWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /calls/{callId}/recording}: 302 to a presigned GET of the audio, valid 5 minutes;
 * {@code DELETE}: the object and the call's {@code recording} go, with an entry in the tenant's
 * audit log (204). A call without a stored recording, or another tenant's, is 404 either way.
 */
public final class CallRecordingHandler extends HttpFunction {

    static final Duration LINK_VALIDITY = Duration.ofMinutes(5);

    private final io.outcall.core.call.CallStore calls;
    private final RecordingFiles files;
    private final RecordingStore recordings;
    private final Clock clock;

    public CallRecordingHandler() {
        this(RecordingWiring.fromEnvironment());
        registerForSnapStart();
    }

    public CallRecordingHandler(RecordingWiring wiring) {
        super(wiring.read().apiEvents(), Scope.CALLS);
        this.calls = wiring.read().calls();
        this.files = wiring.files();
        this.recordings = wiring.recordings();
        this.clock = wiring.read().clock();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        String callId = GetCallHandler.callId(request);
        Call call = calls.find(callId).filter(c -> tenantId.equals(c.tenantId()) && c.recording() != null)
                .orElseThrow(() -> noRecording(callId));
        String key = RecordingKeys.key(tenantId, callId, call.createdAt());
        if ("DELETE".equals(request.method())) {
            // The object first: deleting it again is harmless, so a DELETE that failed halfway is simply repeated.
            files.delete(key);
            String actor = request.claims().getOrDefault("sub", "unknown");
            AuditEntry audit = new AuditEntry(tenantId, clock.instant(), actor, "recording.delete", "call " + callId,
                    List.of(new AuditEntry.Change("recording", key, null)));
            if (!recordings.removed(callId, tenantId, audit)) {
                throw noRecording(callId);
            }
            return new ApiResponse(204, java.util.Map.of(), "");
        }
        return new ApiResponse(302, java.util.Map.of("location", files.presignedGet(key, LINK_VALIDITY).toString(),
                "cache-control", "no-store"), "");
    }

    private static HttpProblemException noRecording(String callId) {
        return new HttpProblemException(Problem.of(404, "recording-not-found", "Not Found",
                "you have no recording of call " + callId + " (a call not recorded, not over yet, or whose recording"
                        + " was deleted)").withCallId(callId));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        calls.find("01JAAAAAAAAAAAAAAAAAAAAAAA");
    }
}
