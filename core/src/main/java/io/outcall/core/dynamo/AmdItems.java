package io.outcall.core.dynamo;

import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdParameter;
import io.outcall.core.amd.AmdParameters;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.VoicemailMessage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static io.outcall.core.dynamo.Items.n;
import static io.outcall.core.dynamo.Items.s;

/**
 * AMD settings as one map attribute ({@code amd}) of a tenant or call item. Off is no attribute:
 * items written before AMD existed read as off, and a call without AMD costs no bytes.
 */
final class AmdItems {

    static final String ATTRIBUTE = "amd";

    private AmdItems() {
    }

    static void put(Map<String, AttributeValue> item, AmdSettings amd) {
        if (amd == null || !amd.on() && amd.message() == null && amd.parameters().equals(AmdSettings.OFF.parameters())) {
            return;
        }
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("mode", s(amd.mode().json()));
        for (AmdParameter p : AmdParameter.values()) {
            map.put(p.json(), n(amd.parameters().get(p)));
        }
        if (amd.message() != null) {
            map.put("prompt", s(amd.message().prompt()));
            map.put("waitForSilenceMs", n(amd.message().waitForSilenceMs()));
        }
        item.put(ATTRIBUTE, AttributeValue.fromM(map));
    }

    /** @return null when the item has none (off) */
    static AmdSettings read(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(ATTRIBUTE);
        if (value == null || value.m() == null || value.m().isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> map = value.m();
        Map<AmdParameter, Integer> parameters = new EnumMap<>(AmdParameter.class);
        for (AmdParameter p : AmdParameter.values()) {
            Integer given = Items.integer(map, p.json());
            if (given != null) {
                parameters.put(p, given);
            }
        }
        String prompt = Items.string(map, "prompt");
        VoicemailMessage message = prompt == null ? null : new VoicemailMessage(prompt,
                (int) Items.number(map, "waitForSilenceMs", VoicemailMessage.DEFAULT_WAIT_FOR_SILENCE_MS));
        return new AmdSettings(AmdMode.ofJson(Items.string(map, "mode")).orElse(AmdMode.OFF),
                new AmdParameters(parameters), message);
    }
}
