package io.outcall.core.intake;

import io.outcall.core.amd.AmdSettings;
import io.outcall.core.prompt.Prompt;
import io.outcall.core.prompt.PromptLimits;
import io.outcall.core.prompt.PromptLookup;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;

import java.util.List;
import java.util.Optional;

/**
 * A call may play the tenant's own prompts: by name in {@code prompt}, or as its voicemail message
 * by the playable path ({@code voicemailMessage.prompt: outcall/<tenant>/<name>}). Either must be a
 * ready prompt of the call's tenant. The folders under {@code outcall/} are the tenants' prompts (the
 * bridge writes them), so a path into another tenant's folder is refused like an unknown prompt.
 */
final class CallPromptRule {

    static final String FIELD = "prompt";
    private static final String VOICEMAIL_FIELD = "voicemailMessage.prompt";
    private static final String FOLDER = "outcall/";

    private final PromptLookup prompts;

    CallPromptRule(PromptLookup prompts) {
        this.prompts = prompts;
    }

    /** The checked name of {@code prompt}, or null when the request names none. */
    String prompt(String raw, String tenantId, List<Violation> violations) {
        if (raw == null) {
            return null;
        }
        if (JsonFields.firstControlCharacter(raw) >= 0 || !PromptLimits.NAME.matcher(raw).matches()) {
            violations.add(new Violation(FIELD, "must be the name of one of this tenant's prompts ("
                    + PromptLimits.NAME.pattern() + "); GET /tenant/prompts lists them"));
            return null;
        }
        return ready(FIELD, tenantId, raw, violations) ? raw : null;
    }

    /** Checks a voicemail message in the tenants' folder (the request's, or the tenant's default). */
    void voicemail(AmdSettings amd, String tenantId, List<Violation> violations) {
        if (amd == null || amd.message() == null || !amd.message().prompt().startsWith(FOLDER)) {
            return;
        }
        String[] parts = amd.message().prompt().split("/", -1);
        if (parts.length < 3) {
            return; // outcall/<sound>: an operator's own file beside the tenants' folders
        }
        if (parts.length != 3 || !parts[1].equals(tenantId) || !PromptLimits.NAME.matcher(parts[2]).matches()) {
            violations.add(new Violation(VOICEMAIL_FIELD, "names a path under outcall/, where only this tenant's"
                    + " prompts are: use outcall/" + tenantId + "/<name> of a ready prompt (GET /tenant/prompts)"));
            return;
        }
        ready(VOICEMAIL_FIELD, tenantId, parts[2], violations);
    }

    private boolean ready(String field, String tenantId, String name, List<Violation> violations) {
        Optional<Prompt> prompt = prompts.find(tenantId, name);
        if (prompt.isEmpty()) {
            violations.add(new Violation(field, "is not a prompt of this tenant: " + name
                    + "; upload it first (POST /tenant/prompts)"));
            return false;
        }
        if (!prompt.get().ready()) {
            violations.add(new Violation(field, "names the prompt " + name + ", which is " + prompt.get().state().wire()
                    + (prompt.get().rejection() == null ? "" : " (" + prompt.get().rejection().code() + ")")
                    + "; only a ready prompt can be played (GET /tenant/prompts/" + name + ")"));
            return false;
        }
        return true;
    }
}
