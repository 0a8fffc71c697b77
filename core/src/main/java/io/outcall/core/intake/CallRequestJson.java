package io.outcall.core.intake;

import io.outcall.core.amd.AmdRequest;
import io.outcall.core.retry.RetryPolicyJson;
import io.outcall.core.retry.RetryRequest;
import io.outcall.core.validation.JsonFields;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/** The JSON body of a call request, as POST /calls and journeys send it. */
public final class CallRequestJson {

    public static final Set<String> FIELDS = Set.of("to", "from", "context", "transferNumber",
            "ringTimeoutSeconds", "variables", AmdRequest.MODE_FIELD, AmdRequest.PARAMETERS_FIELD,
            AmdRequest.MESSAGE_FIELD, "record", CallPromptRule.FIELD, NotBeforeRule.FIELD, RetryPolicyJson.FIELD);

    private CallRequestJson() {
    }

    /** Reads the call fields of {@code fields}; type errors are recorded there, not thrown. */
    public static CallRequest read(JsonFields fields) {
        String to = fields.string("to");
        String from = fields.string("from");
        String context = fields.string("context");
        String transferNumber = fields.string("transferNumber");
        Integer ringTimeout = fields.integer("ringTimeoutSeconds");
        Map<String, String> variables = fields.stringMap("variables");
        return new CallRequest(to, from, context, transferNumber, ringTimeout, variables, AmdRequest.read(fields),
                fields.bool("record"),
                fields.string(CallPromptRule.FIELD), fields.string(NotBeforeRule.FIELD), RetryRequest.read(fields));
    }
}
