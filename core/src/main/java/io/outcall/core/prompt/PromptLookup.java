package io.outcall.core.prompt;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Finds a tenant's prompt by name, for a call that names one. */
@FunctionalInterface
public interface PromptLookup {

    /** For an intake built without prompts: every name is unknown. */
    PromptLookup NONE = (tenantId, name) -> Optional.empty();

    Optional<Prompt> find(String tenantId, String name);

    /** The same answers, each name read once: for one batch, whose items often name the same prompt. */
    default PromptLookup memoized() {
        Map<String, Optional<Prompt>> seen = new HashMap<>();
        return (tenantId, name) -> seen.computeIfAbsent(tenantId + "/" + name, k -> find(tenantId, name));
    }
}
