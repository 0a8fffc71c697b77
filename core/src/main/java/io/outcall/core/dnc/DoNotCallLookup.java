package io.outcall.core.dnc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a number may be called: looked up in its tenant's list and the platform's at once, by key,
 * so a lookup costs the same whatever the lists' sizes.
 */
public interface DoNotCallLookup {

    /** The {@code failureReason} of a call the bridge did not dial because its number is listed. */
    String FAILURE_REASON = "DO_NOT_CALL";

    /** For an intake or bridge without lists: nothing is listed. */
    DoNotCallLookup NONE = new DoNotCallLookup() {
        @Override
        public Optional<DncList> listed(String tenantId, String number) {
            return Optional.empty();
        }

        @Override
        public Map<String, DncList> listedAmong(String tenantId, Collection<String> numbers) {
            return Map.of();
        }
    };

    /**
     * @param number E.164
     * @return the list that holds it (the tenant's when both do), empty when neither does
     */
    Optional<DncList> listed(String tenantId, String number);

    /** The listed ones of {@code numbers}, each with its list, in a few batched reads. */
    default Map<String, DncList> listedAmong(String tenantId, Collection<String> numbers) {
        Map<String, DncList> listed = new LinkedHashMap<>();
        for (String number : numbers) {
            listed(tenantId, number).ifPresent(list -> listed.put(number, list));
        }
        return listed;
    }
}
