package io.outcall.functions.prompts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outcall.core.prompt.Prompt;
import io.outcall.core.prompt.PromptKeys;
import io.outcall.core.prompt.PromptLimits;
import io.outcall.core.prompt.TenantPrompts;

/** A prompt as the API shows it (openapi.yaml, Prompt and PromptUpload). */
final class PromptJson {

    private PromptJson() {
    }

    static ObjectNode document(Prompt prompt) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", prompt.name())
                .put("state", prompt.state().wire());
        if (prompt.durationMillis() != null) {
            node.put("durationMillis", prompt.durationMillis());
        }
        if (prompt.bytes() != null) {
            node.put("bytes", prompt.bytes());
        }
        if (prompt.ready()) {
            node.put("playable", PromptKeys.playable(prompt.tenantId(), prompt.name()));
        }
        if (prompt.rejection() != null) {
            node.put("reason", prompt.rejection().code()).put("detail", prompt.detail());
        }
        return node.put("createdAt", prompt.createdAt().toString()).put("updatedAt", prompt.updatedAt().toString());
    }

    /** The prompt, and the one PUT that uploads its WAV: the URL and the headers it is signed with. */
    static ObjectNode upload(TenantPrompts.Upload upload) {
        ObjectNode node = document(upload.prompt());
        ObjectNode put = node.putObject("upload").put("method", "PUT").put("url", upload.url().toString())
                .put("expiresAt", upload.expiresAt().toString());
        put.putObject("headers").put("Content-Type", PromptLimits.CONTENT_TYPE)
                .put("Content-Length", Long.toString(upload.bytes()));
        return node;
    }
}
