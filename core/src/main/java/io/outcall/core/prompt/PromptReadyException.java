package io.outcall.core.prompt;

/** A new upload was asked for under the name of a ready prompt: calls may be playing it. */
public final class PromptReadyException extends RuntimeException {

    public PromptReadyException(String name) {
        super("prompt " + name + " is ready; DELETE /tenant/prompts/" + name + " first, or upload under another name");
    }
}
