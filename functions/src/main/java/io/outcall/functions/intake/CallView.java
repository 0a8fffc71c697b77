package io.outcall.functions.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.outcall.core.call.Call;

import java.util.Map;

/** A call as intake answers it: what was accepted and what the platform chose. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallView(String callId, String status, String to, String from, String context, String transferNumber,
                       int ringTimeoutSeconds, Map<String, String> variables, String createdAt, String journeyId) {

    public static CallView of(Call call) {
        return new CallView(call.callId(), call.status().name(), call.to(), call.from(), call.context(),
                call.transferNumber(), call.ringTimeoutSeconds(), call.variables(), call.createdAt().toString(),
                call.journey() == null ? null : call.journey().journeyId());
    }
}
