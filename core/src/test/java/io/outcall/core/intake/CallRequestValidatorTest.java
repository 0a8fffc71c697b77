package io.outcall.core.intake;

import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.Did;
import io.outcall.core.tenant.Tenant;
import io.outcall.core.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRequestValidatorTest {

    private static final Tenant ACME = new Tenant("acme", "Acme", "US", List.of("outbound", "survey"), "outbound",
            List.of());
    private static final Did MAIN = new Did("acme", "did-main", "+14045550100", "Acme Sales", true, null, 0);
    private static final Did SPARE = new Did("acme", "did-spare", "+14045550101", null, true, null, 0);
    private static final Did RETIRED = new Did("acme", "did-retired", "+14045550102", null, false, null, 0);
    /** Belongs to another tenant, so it is never among the DIDs intake hands the validator for acme. */
    private static final Did GLOBEX = new Did("globex", "did-globex", "+14045550103", null, true, null, 0);
    private static final List<Did> ACME_DIDS = List.of(MAIN, SPARE, RETIRED);

    private final CallRequestValidator validator = new CallRequestValidator(new PhoneNumbers());

    @Test
    void aCompleteRequestComesOutNormalised() {
        ValidatedCall call = valid(request().to("(404) 555-0199").from("did-main").context("survey")
                .transfer("404 555 0142").ringTimeout(45).variable("GREETING", "hello"));

        assertEquals("+14045550199", call.to());
        assertEquals(MAIN, call.from());
        assertEquals("survey", call.context());
        assertEquals("+14045550142", call.transferNumber());
        assertEquals(45, call.ringTimeoutSeconds());
        assertEquals(Map.of("GREETING", "hello"), call.variables());
    }

    @Test
    void theTenantFillsWhatTheRequestLeavesOut() {
        ValidatedCall call = valid(request());

        assertNull(call.from(), "no from: the caller-ID is picked later");
        assertEquals("outbound", call.context());
        assertNull(call.transferNumber());
        assertEquals(CallRequestValidator.DEFAULT_RING_TIMEOUT_SECONDS, call.ringTimeoutSeconds());
        assertEquals(Map.of(), call.variables());
    }

    // --- to ---

    @Test
    void toIsRequired() {
        assertViolation(request().to(null), "to", "required");
    }

    @Test
    void toMustBeADiallableNumber() {
        assertViolation(request().to("1-800-FLOWERS"), "to", "contains 'F'");
        assertViolation(request().to("+1 011 555 0100"), "to", "not a valid number");
    }

    @Test
    void aTransferNumberIsCheckedLikeTo() {
        assertViolation(request().transfer("+1404555010x1"), "transferNumber", "contains 'x'");
    }

    // --- from ---

    @Test
    void fromMayNameADidById() {
        assertEquals(SPARE, valid(request().from("did-spare")).from());
    }

    @Test
    void fromMayNameADidByItsNumberInAnyFormat() {
        assertEquals(SPARE, valid(request().from("(404) 555-0101")).from());
        assertEquals(MAIN, valid(request().from("+1 404-555-0100")).from());
    }

    @Test
    void fromThatIsNoneOfTheTenantsDidsIsRefused() {
        assertViolation(request().from("+14045550142"), "from", "is not one of this tenant's caller-ID numbers");
        assertViolation(request().from("did-absent"), "from", "neither a DID id of this tenant nor a valid number");
    }

    @Test
    void anotherTenantsDidReadsExactlyLikeAnUnknownOne() {
        assertEquals(onlyViolation(request().from("+14045550142")), onlyViolation(request().from(GLOBEX.number())));
        assertEquals(onlyViolation(request().from("did-absent")), onlyViolation(request().from(GLOBEX.didId())));
    }

    @Test
    void aDisabledDidIsRefusedByIdAndByNumber() {
        assertViolation(request().from("did-retired"), "from", "disabled");
        assertViolation(request().from("404 555 0102"), "from", "disabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "did-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aBlankOrOverlongFromIsRefused(String from) {
        assertViolation(request().from(from), "from", "must be one of your caller-ID numbers or DID ids");
    }

    @Test
    void withoutAnActiveDidFromCannotBeLeftOut() {
        var e = assertThrows(InvalidCallRequestException.class,
                () -> validator.validate(request().build(), ACME, List.of(RETIRED)));

        assertEquals("from", e.violations().getFirst().field());
        assertTrue(e.violations().getFirst().message().contains("no active caller-ID"));
    }

    // --- context ---

    @Test
    void anAllowedContextIsKept() {
        assertEquals("survey", valid(request().context("survey")).context());
    }

    @Test
    void aContextTheTenantDoesNotAllowIsRefusedNamingTheAllowedOnes() {
        assertViolation(request().context("internal"), "context", "not allowed for this tenant; allowed are [outbound, survey]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "out bound", "outbound;Dial", "outbound,1", "../outbound", "outbound\u00e9"})
    void aContextWithCharactersOutsideTheDialplanSetIsRefused(String context) {
        assertViolation(request().context(context), "context", "not allowed");
    }

    @Test
    void theCharacterSetHoldsEvenForAContextTheTenantLists() {
        Tenant careless = new Tenant("acme", "Acme", "US", List.of("sales team", "x".repeat(81)), null, List.of());

        for (String context : careless.allowedContexts()) {
            var e = assertThrows(InvalidCallRequestException.class,
                    () -> validator.validate(request().context(context).build(), careless, ACME_DIDS));
            assertEquals("context", e.violations().getFirst().field());
        }
    }

    @Test
    void aContextIsRequiredWhenTheTenantHasNoDefault() {
        Tenant noDefault = new Tenant("acme", "Acme", "US", List.of("outbound"), null, List.of());

        var e = assertThrows(InvalidCallRequestException.class,
                () -> validator.validate(request().build(), noDefault, ACME_DIDS));

        assertEquals(List.of(new Violation("context",
                "is required: this tenant has no default context; allowed are [outbound]")), e.violations());
    }

    // --- ring timeout ---

    @ParameterizedTest
    @ValueSource(ints = {5, 30, 300})
    void aRingTimeoutWithinBoundsIsKept(int seconds) {
        assertEquals(seconds, valid(request().ringTimeout(seconds)).ringTimeoutSeconds());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 4, 301, Integer.MAX_VALUE})
    void aRingTimeoutOutOfBoundsIsRefused(int seconds) {
        assertViolation(request().ringTimeout(seconds), "ringTimeoutSeconds", "between 5 and 300");
    }

    // --- variables ---

    @Test
    void wellFormedVariablesAreKept() {
        String longestName = "V".repeat(64);
        String longestValue = "v".repeat(1024);
        ValidatedCall call = valid(request().variable("_x", "1").variable("Name_2", "O'Brien; \"quoted\" \u00e9")
                .variable(longestName, longestValue));

        assertEquals(Map.of("_x", "1", "Name_2", "O'Brien; \"quoted\" \u00e9", longestName, longestValue),
                call.variables());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1ST", "A-B", "A B", "A.B", "\u00c4RGER", "A=B",
            "VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV"})
    void aBadVariableNameIsRefused(String name) {
        assertViolation(request().variable(name, "x"), "variables." + name, "not a valid variable name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALL_ID", "TENANT_ID", "TRANSFER_NUMBER"})
    void aVariableThePlatformSetsCannotBeGiven(String name) {
        assertViolation(request().variable(name, "x"), "variables." + name, "set by the platform");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hi\r\nAction: Originate", "a\nb", "nul\u0000", "tab\t", "del\u007f", "line\u2028sep"})
    void aVariableValueWithAControlCharacterIsRefused(String value) {
        assertViolation(request().variable("GREETING", value), "variables.GREETING", "control character");
    }

    @Test
    void aVariableValueLongerThan1024IsRefused() {
        assertViolation(request().variable("GREETING", "v".repeat(1025)), "variables.GREETING", "longer than 1024");
    }

    @Test
    void atMost32VariablesAreAccepted() {
        Request thirtyTwo = request();
        for (int i = 1; i <= 32; i++) {
            thirtyTwo.variable("V" + i, "x");
        }
        assertEquals(32, valid(thirtyTwo).variables().size());

        assertViolation(thirtyTwo.variable("V33", "x"), "variables", "has 33 entries; at most 32");
    }

    // --- all together ---

    @Test
    void everyProblemIsReportedAtOnce() {
        var e = assertThrows(InvalidCallRequestException.class, () -> validator.validate(request().to(null)
                .from("did-retired").context("internal").transfer("12").ringTimeout(4)
                .variable("CALL_ID", "x").variable("1X", "y").variable("OK", "z\n").build(), ACME, ACME_DIDS));

        Set<String> fields = e.violations().stream().map(Violation::field).collect(Collectors.toSet());
        assertEquals(Set.of("to", "from", "context", "transferNumber", "ringTimeoutSeconds",
                "variables.CALL_ID", "variables.1X", "variables.OK"), fields);
        assertEquals(8, e.violations().size());
        for (String field : fields) {
            assertTrue(e.getMessage().contains(field + " "), e.getMessage());
        }
    }

    // --- notBefore ---

    private static final java.time.Instant NOW = java.time.Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aNotBeforeWithAnOffsetIsKeptAsTheInstantItNames() {
        ValidatedCall valid = validator.validate(request().notBefore("2026-03-02T12:30:00+01:00").build(), ACME,
                ACME_DIDS, NOW);

        assertEquals(java.time.Instant.parse("2026-03-02T11:30:00Z"), valid.notBefore());
        assertEquals(valid.notBefore(), valid.scheduledAfter(NOW));
        assertEquals(null, valid.scheduledAfter(valid.notBefore()), "due now: dialed now");
    }

    @Test
    void aNotBeforeInThePastMeansDialNow() {
        ValidatedCall valid = validator.validate(request().notBefore("2026-03-01T10:00:00Z").build(), ACME, ACME_DIDS, NOW);

        assertEquals(null, valid.scheduledAfter(NOW));
    }

    @Test
    void aNotBeforeUpToThirtyDaysAheadIsAcceptedAndNotOneDayMore() {
        validator.validate(request().notBefore("2026-04-01T10:00:00Z").build(), ACME, ACME_DIDS, NOW);

        var e = assertThrows(InvalidCallRequestException.class, () -> validator.validate(
                request().notBefore("2026-04-02T10:00:00Z").build(), ACME, ACME_DIDS, NOW));
        assertEquals("notBefore", e.violations().getFirst().field());
        assertTrue(e.violations().getFirst().message().contains("more than 30 days ahead"), e.getMessage());
        assertTrue(e.violations().getFirst().message().contains("2026-04-01T10:00:00Z"), "names the latest: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-02T12:30:00", "2026-03-02", "tomorrow", "1772445600", "2026-03-02 12:30:00Z"})
    void aNotBeforeWithoutAnOffsetOrNotADateTimeIsRefused(String notBefore) {
        assertViolation(request().notBefore(notBefore), "notBefore", "ISO-8601 date and time with an offset");
    }

    @Test
    void theInstantAskedForIsPartOfTheFingerprintWhetherOrNotItHasPassed() {
        String base = valid(request()).fingerprint();
        String at = validator.validate(request().notBefore("2026-03-02T12:30:00+01:00").build(), ACME, ACME_DIDS, NOW)
                .fingerprint();

        assertNotEquals(base, at);
        assertEquals(at, validator.validate(request().notBefore("2026-03-02T11:30:00Z").build(), ACME, ACME_DIDS,
                NOW.plusSeconds(86_400)).fingerprint(), "the same instant, retried after it passed");
    }

    // --- fingerprint ---

    @Test
    void requestsThatMeanTheSameCallHaveTheSameFingerprint() {
        ValidatedCall a = valid(request().to("(404) 555-0199").from("did-main").variable("A", "1").variable("B", "2"));
        ValidatedCall b = valid(request().to("+14045550199").from("+1 404 555 0100").variable("B", "2").variable("A", "1"));

        assertEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void requestsThatDifferInAnythingHaveDifferentFingerprints() {
        String base = valid(request()).fingerprint();

        assertNotEquals(base, valid(request().to("+14045550198")).fingerprint());
        assertNotEquals(base, valid(request().from("did-main")).fingerprint());
        assertNotEquals(base, valid(request().context("survey")).fingerprint());
        assertNotEquals(base, valid(request().transfer("+14045550142")).fingerprint());
        assertNotEquals(base, valid(request().ringTimeout(31)).fingerprint());
        assertNotEquals(base, valid(request().variable("A", "1")).fingerprint());
    }

    // --- helpers ---

    private ValidatedCall valid(Request request) {
        return validator.validate(request.build(), ACME, ACME_DIDS);
    }

    private Violation onlyViolation(Request request) {
        var e = assertThrows(InvalidCallRequestException.class, () -> validator.validate(request.build(), ACME, ACME_DIDS));
        assertEquals(1, e.violations().size(), e.violations().toString());
        return e.violations().getFirst();
    }

    private void assertViolation(Request request, String field, String messagePart) {
        Violation violation = onlyViolation(request);
        assertEquals(field, violation.field());
        assertTrue(violation.message().contains(messagePart), violation.message());
    }

    private static Request request() {
        return new Request();
    }

    /** A valid request to start from; each test changes what it is about. */
    private static final class Request {
        private String to = "+14045550199";
        private String from;
        private String context;
        private String transfer;
        private Integer ringTimeout;
        private String notBefore;
        private final Map<String, String> variables = new LinkedHashMap<>();

        Request to(String value) { to = value; return this; }
        Request from(String value) { from = value; return this; }
        Request context(String value) { context = value; return this; }
        Request transfer(String value) { transfer = value; return this; }
        Request ringTimeout(int value) { ringTimeout = value; return this; }
        Request variable(String name, String value) { variables.put(name, value); return this; }
        Request notBefore(String value) { notBefore = value; return this; }

        CallRequest build() {
            return new CallRequest(to, from, context, transfer, ringTimeout, new HashMap<>(variables), null, null, null,
                    notBefore);
        }
    }
}
