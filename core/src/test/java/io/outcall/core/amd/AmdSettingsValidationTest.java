package io.outcall.core.amd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.intake.CallRequestJson;
import io.outcall.core.intake.CallRequestValidator;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.intake.ValidatedCall;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.tenant.TenantSettingsJson;
import io.outcall.core.validation.JsonFields;
import io.outcall.core.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AMD settings as a tenant document and a call request give them: defaults, overrides, every refusal named. */
class AmdSettingsValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Did MAIN = new Did("acme", "did-main", "+14045550100", "Acme", true, null, 0);
    private final CallRequestValidator validator = new CallRequestValidator(new PhoneNumbers());

    @Test
    void aTenantThatSaysNothingHasAmdOffWithAsterisksDefaults() {
        TenantSettingsJson.Draft draft = tenant("{}");
        assertEquals(AmdSettings.OFF, draft.settings().amd());
        assertEquals(2500, draft.settings().amd().parameters().get(AmdParameter.INITIAL_SILENCE));
        assertEquals(2, draft.settings().amd().parameters().get(AmdParameter.MAX_NUMBER_OF_WORDS));
        assertEquals(256, draft.settings().amd().parameters().get(AmdParameter.SILENCE_THRESHOLD));
    }

    @Test
    void aTenantLeavesMessagesWithItsPromptAndOwnTiming() {
        AmdSettings amd = tenant("""
                {"answeringMachineDetection": "leaveMessage", "amdParameters": {"greetingMs": 2000},
                 "voicemailMessage": {"prompt": "outcall/reminder"}}""").settings().amd();
        assertEquals(AmdMode.LEAVE_MESSAGE, amd.mode());
        assertEquals(2000, amd.parameters().get(AmdParameter.GREETING));
        assertEquals(800, amd.parameters().get(AmdParameter.AFTER_GREETING_SILENCE));
        assertEquals(new VoicemailMessage("outcall/reminder", VoicemailMessage.DEFAULT_WAIT_FOR_SILENCE_MS), amd.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"answeringMachineDetection\": \"maybe\"}                                  | answeringMachineDetection",
            "{\"answeringMachineDetection\": 1}                                          | answeringMachineDetection",
            "{\"answeringMachineDetection\": \"leaveMessage\"}                           | voicemailMessage.prompt",
            "{\"amdParameters\": {\"greetingMs\": 99}}                                   | amdParameters.greetingMs",
            "{\"amdParameters\": {\"totalAnalysisTimeMs\": 60000}}                       | amdParameters.totalAnalysisTimeMs",
            "{\"amdParameters\": {\"silenceThreshold\": 0}}                              | amdParameters.silenceThreshold",
            "{\"amdParameters\": {\"greetingMs\": \"1500\"}}                             | amdParameters.greetingMs",
            "{\"amdParameters\": {\"greeting\": 1500}}                                   | amdParameters.greeting",
            "{\"voicemailMessage\": {\"prompt\": \"../../etc/passwd\"}}                  | voicemailMessage.prompt",
            "{\"voicemailMessage\": {\"prompt\": \"a,b\"}}                               | voicemailMessage.prompt",
            "{\"voicemailMessage\": {\"prompt\": \"x\", \"waitForSilenceMs\": 50}}       | voicemailMessage.waitForSilenceMs",
            "{\"voicemailMessage\": {\"waitForSilenceMs\": 1500}}                      | voicemailMessage.prompt"})
    void anUnknownOrOutOfRangeValueIsRefusedNamingTheField(String body, String field) {
        JsonFields fields = new JsonFields(tree(body), v -> new IllegalStateException(v.toString()));
        TenantSettingsJson.read(fields);
        assertTrue(fields.violations().stream().anyMatch(v -> v.field().equals(field)), fields.violations().toString());
    }

    @Test
    void aCallTakesItsTenantsAmdAndMayChangeOneParameterAlone() {
        Tenant tenant = tenantWith("""
                {"answeringMachineDetection": "hangupOnMachine", "amdParameters": {"greetingMs": 2000}}""");
        ValidatedCall plain = call(tenant, "{\"to\": \"+14045550199\"}");
        assertEquals(AmdMode.HANGUP_ON_MACHINE, plain.amd().mode());

        ValidatedCall tuned = call(tenant, """
                {"to": "+14045550199", "amdParameters": {"totalAnalysisTimeMs": 4000}}""");
        assertEquals(2000, tuned.amd().parameters().get(AmdParameter.GREETING), "the tenant's own value stays");
        assertEquals(4000, tuned.amd().parameters().get(AmdParameter.TOTAL_ANALYSIS_TIME));
        assertTrue(!plain.fingerprint().equals(tuned.fingerprint()), "another AMD is another request");

        ValidatedCall off = call(tenant, "{\"to\": \"+14045550199\", \"answeringMachineDetection\": \"off\"}");
        assertEquals(AmdMode.OFF, off.amd().mode());
    }

    @Test
    void aCallAskingToLeaveAMessageNeedsAPromptFromItselfOrItsTenant() {
        Tenant tenant = tenantWith("{}");
        InvalidCallRequestException refused = assertThrows(InvalidCallRequestException.class, () -> call(tenant,
                "{\"to\": \"+14045550199\", \"answeringMachineDetection\": \"leaveMessage\"}"));
        assertEquals(List.of("voicemailMessage.prompt"), refused.violations().stream().map(Violation::field).toList());

        ValidatedCall ok = call(tenant, """
                {"to": "+14045550199", "answeringMachineDetection": "leaveMessage",
                 "voicemailMessage": {"prompt": "outcall/reminder", "waitForSilenceMs": 2000}}""");
        assertEquals(new VoicemailMessage("outcall/reminder", 2000), ok.amd().message());
    }

    @Test
    void aCallCannotSetThePlatformsAmdVariablesItself() {
        InvalidCallRequestException refused = assertThrows(InvalidCallRequestException.class, () -> call(tenantWith("{}"),
                "{\"to\": \"+14045550199\", \"variables\": {\"OUTCALL_AMD\": \"detect\"}}"));
        assertEquals(List.of("variables.OUTCALL_AMD"), refused.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aTenantWithoutAmdGivesCallsWithoutAmd() {
        ValidatedCall call = call(tenantWith("{}"), "{\"to\": \"+14045550199\"}");
        assertEquals(AmdSettings.OFF, call.amd());
        assertEquals(new ValidatedCall(call.to(), call.from(), call.context(), call.transferNumber(),
                call.ringTimeoutSeconds(), Map.of()).fingerprint(), call.fingerprint(), "the fingerprint it had before AMD");
    }

    private ValidatedCall call(Tenant tenant, String body) {
        JsonFields fields = new JsonFields(tree(body), v -> new IllegalStateException(v.toString()));
        fields.onlyKnown(CallRequestJson.FIELDS);
        var request = CallRequestJson.read(fields);
        if (!fields.violations().isEmpty()) {
            throw new InvalidCallRequestException(fields.violations());
        }
        return validator.validate(request, tenant, List.of(MAIN));
    }

    private static Tenant tenantWith(String amd) {
        TenantSettingsJson.Draft draft = tenant(amd);
        assertTrue(draft.settings().amd() != null);
        Tenant base = new Tenant("acme", "Acme", "US", List.of("outbound"), "outbound", List.of());
        var s = base.settings();
        return base.withSettings("Acme", new io.outcall.core.tenant.TenantSettings(s.defaultRegion(), s.defaultContext(),
                s.allowedContexts(), s.ringTimeoutSeconds(), s.callerIdStrategy(), s.limits(), null, draft.settings().amd()));
    }

    private static TenantSettingsJson.Draft tenant(String amd) {
        JsonFields fields = new JsonFields(tree(amd), v -> new IllegalStateException(v.toString()));
        TenantSettingsJson.Draft draft = TenantSettingsJson.read(fields);
        assertNull(fields.violations().isEmpty() ? null : fields.violations(), "no violations expected");
        return draft;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
