package io.outcall.core.dynamo;

import io.outcall.core.amd.AmdOutcome;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * The SET clauses that write an AMD result on a call item (the same attributes {@link CallItems}
 * reads), including the by-answeredBy index key. Fields not known yet are left as stored.
 */
final class AmdWrites {

    private AmdWrites() {
    }

    static void append(StringBuilder set, Map<String, AttributeValue> values, String tenantId, AmdOutcome amd) {
        if (amd == null) {
            return;
        }
        if (amd.answeredBy() != null) {
            set.append(", answeredBy = :answeredBy, tenantAnsweredBy = :tenantAnsweredBy");
            values.put(":answeredBy", s(amd.answeredBy().json()));
            values.put(":tenantAnsweredBy", s(CallItems.tenantAnsweredBy(tenantId, amd.answeredBy())));
        }
        if (amd.status() != null) {
            set.append(", amdStatus = :amdStatus, amdCause = :amdCause");
            values.put(":amdStatus", s(amd.status()));
            values.put(":amdCause", s(amd.cause() == null ? "" : amd.cause()));
        }
        if (amd.detectedAt() != null) {
            set.append(", amdDetectedAt = :amdDetectedAt");
            values.put(":amdDetectedAt", s(amd.detectedAt().toString()));
        }
        if (amd.millis() != null) {
            set.append(", amdMillis = :amdMillis");
            values.put(":amdMillis", n(amd.millis()));
        }
        if (amd.voicemailLeftAt() != null) {
            set.append(", voicemailLeftAt = :voicemailLeftAt");
            values.put(":voicemailLeftAt", s(amd.voicemailLeftAt().toString()));
        }
    }
}
