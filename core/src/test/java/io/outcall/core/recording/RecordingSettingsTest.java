package io.outcall.core.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.intake.CallRequest;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.queue.OriginateMessage;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantSettings;
import io.outcall.core.tenant.TenantSettingsJson;
import io.outcall.core.validation.JsonFields;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code record} setting from the tenant document and the request down to the queue message. */
class RecordingSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tenant ACME = new Tenant("acme", "Acme", "US", List.of("outbound"), "outbound", List.of());
    private static final List<Did> DIDS = List.of(new Did("acme", "did-main", "+14045550100", null, true, null, 0));
    private final CallRequestValidator validator = new CallRequestValidator(new PhoneNumbers());
    private final OriginateMessageCodec codec = new OriginateMessageCodec(JSON);

    private static JsonFields fields(String json) throws Exception {
        return new JsonFields(JSON.readTree(json), v -> new IllegalArgumentException(v.toString()));
    }

    private static Tenant recording(boolean record) throws Exception {
        TenantSettings settings = TenantSettingsJson.read(fields(
                "{\"defaultRegion\":\"US\",\"allowedContexts\":[\"outbound\"],\"defaultContext\":\"outbound\",\"record\":"
                        + record + "}")).settings();
        return ACME.withSettings("Acme", settings);
    }

    @Test
    void theTenantDocumentReadsAndShowsRecord() throws Exception {
        Tenant tenant = recording(true);
        assertTrue(tenant.settings().record());
        assertTrue(TenantSettingsJson.editable(tenant).get("record").booleanValue());
        assertFalse(TenantSettingsJson.editable(ACME).get("record").booleanValue(), "off unless set");
    }

    @Test
    void aRecordThatIsNotABooleanIsRefusedByName() throws Exception {
        JsonFields fields = fields("{\"defaultRegion\":\"US\",\"allowedContexts\":[\"outbound\"],\"record\":\"yes\"}");
        TenantSettingsJson.read(fields);
        assertEquals("record", fields.violations().get(0).field());
    }

    @Test
    void aCallTakesTheTenantsRecordUnlessItSaysOtherwise() throws Exception {
        assertTrue(validator.validate(request("{\"to\":\"+14045550199\"}"), recording(true), DIDS).record());
        assertFalse(validator.validate(request("{\"to\":\"+14045550199\",\"record\":false}"), recording(true), DIDS).record());
        assertTrue(validator.validate(request("{\"to\":\"+14045550199\",\"record\":true}"), ACME, DIDS).record());
        assertFalse(validator.validate(request("{\"to\":\"+14045550199\"}"), ACME, DIDS).record());
    }

    @Test
    void recordingChangesTheFingerprintOnlyWhenOn() throws Exception {
        String plain = validator.validate(request("{\"to\":\"+14045550199\"}"), ACME, DIDS).fingerprint();
        assertEquals(plain, validator.validate(request("{\"to\":\"+14045550199\",\"record\":false}"), ACME, DIDS).fingerprint());
        assertNotEquals(plain, validator.validate(request("{\"to\":\"+14045550199\",\"record\":true}"), ACME, DIDS).fingerprint());
    }

    @Test
    void aRecordedCallIsAVersion4MessageAndAnotherKeepsItsVersion() throws Exception {
        Call call = Call.queued("01JNC5Q0VKAB3DEF4GHJ5KMN6P", "acme", "+14045550199", "+14045550100", "did-main", null,
                null, "outbound", Map.of(), 30, Instant.parse("2025-03-01T12:00:00Z"), null, null);
        String recorded = codec.encode(OriginateMessage.of(call.withRecord(true)));
        assertEquals(4, JSON.readTree(recorded).get("schemaVersion").intValue());
        assertTrue(codec.decode(recorded).record());
        String plain = codec.encode(OriginateMessage.of(call));
        assertEquals(2, JSON.readTree(plain).get("schemaVersion").intValue());
        assertNull(JSON.readTree(plain).get("record"), "a call without recording is the message it always was");
        assertFalse(codec.decode(plain).record());
    }

    @Test
    void theKeyFollowsTheCallsMonthAndTheRetentionTheTimelines() {
        assertEquals("recordings/acme/2026/03/01JCALL.wav",
                RecordingKeys.key("acme", "01JCALL", Instant.parse("2026-03-31T23:59:59Z")));
        assertEquals("7d", RecordingKeys.retentionTag(1));
        assertEquals("7d", RecordingKeys.retentionTag(7));
        assertEquals("30d", RecordingKeys.retentionTag(8));
        assertEquals("90d", RecordingKeys.retentionTag(90));
        assertNull(RecordingKeys.retentionTag(91), "longer than the rules: the bucket's 365-day maximum");
        assertNull(RecordingKeys.retentionTag(null));
    }

    private static CallRequest request(String json) throws Exception {
        return CallRequestJson.read(fields(json));
    }
}
