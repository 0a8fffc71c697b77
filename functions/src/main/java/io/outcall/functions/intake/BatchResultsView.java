package io.outcall.functions.intake;

import com.fasterxml.jackson.core.JsonGenerator;
import io.outcall.core.intake.BatchOutcome;
import io.outcall.core.json.JsonWritable;
import io.outcall.functions.http.ApiEvents;
import io.outcall.functions.http.Problem;

import java.io.IOException;
import java.util.List;

/**
 * A batch's answer, one result per item in the request's order:
 * {@code {"accepted":N,"refused":M,"results":[{"index":0,"status":202,"call":{...}},
 * {"index":1,"status":400,"problem":{...}}]}}. {@code status} and {@code problem} are what the
 * item alone would have got from POST /calls (202, or 400/409/503 with its problem document);
 * {@code replayed} marks a call an earlier attempt created.
 *
 * @param stepIds the journey step of each item, or null for HTTP batches
 */
record BatchResultsView(List<BatchOutcome> outcomes, List<String> stepIds) implements JsonWritable {

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        long accepted = outcomes.stream().filter(BatchOutcome::isAccepted).count();
        out.writeStartObject();
        out.writeNumberField("accepted", accepted);
        out.writeNumberField("refused", outcomes.size() - accepted);
        out.writeArrayFieldStart("results");
        for (BatchOutcome outcome : outcomes) {
            out.writeStartObject();
            out.writeNumberField("index", outcome.index());
            if (stepIds != null && stepIds.get(outcome.index()) != null) {
                out.writeStringField("stepId", stepIds.get(outcome.index()));
            }
            if (outcome.isAccepted()) {
                out.writeNumberField("status", 202);
                if (outcome.accepted().replayed()) {
                    out.writeBooleanField("replayed", true);
                }
                out.writeFieldName("call");
                CallView.of(outcome.accepted().call()).writeTo(out);
            } else {
                Problem problem = problemOf(outcome.refusal());
                out.writeNumberField("status", problem.status());
                out.writeFieldName("problem");
                problem.writeTo(out);
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static Problem problemOf(RuntimeException refusal) {
        Problem problem = ApiEvents.problemFor(refusal);
        if (problem == null) {
            throw new IllegalStateException("batch intake refused an item with an unexplained failure", refusal);
        }
        return problem;
    }
}
