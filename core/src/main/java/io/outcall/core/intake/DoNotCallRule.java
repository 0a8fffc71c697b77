package io.outcall.core.intake;

import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallException;
import io.outcall.core.dnc.DoNotCallLookup;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The do-not-call check of intake: after validation (the number is E.164 then) and before anything
 * is written, so a listed number leaves nothing recorded or queued. An unreachable list refuses the
 * call as retryable rather than dialing a number nobody could check.
 */
final class DoNotCallRule {

    private final DoNotCallLookup lookup;

    DoNotCallRule(DoNotCallLookup lookup) {
        this.lookup = lookup;
    }

    /** @throws DoNotCallException when {@code to} is on the tenant's or the platform's list */
    void check(String tenantId, String to) {
        Optional<DncList> listed;
        try {
            listed = lookup.listed(tenantId, to);
        } catch (SdkException e) {
            throw unavailable(e);
        }
        if (listed.isPresent()) {
            throw new DoNotCallException(listed.get(), to);
        }
    }

    /** The listed ones of a batch's numbers, in one round of batched reads. */
    Map<String, DncList> listedAmong(String tenantId, Collection<String> numbers) {
        try {
            return lookup.listedAmong(tenantId, numbers);
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    static IntakeUnavailableException unavailable(SdkException e) {
        return new IntakeUnavailableException("the do-not-call lists are unavailable; nothing was recorded,"
                + " retry shortly", null, e);
    }
}
