package io.outcall.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.calllog.GetCallHandler;
import io.outcall.functions.intake.ApiGatewayEvents;
import io.outcall.functions.intake.MakeCallHandler;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.outcall.functions.admin.AdminApi.admin;
import static io.outcall.functions.admin.AdminApi.platform;
import static io.outcall.functions.admin.AdminApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local presence end to end: a tenant set up over the admin API, calls placed and read back over the call API. */
class LocalPresenceApiTest extends AdminScenario {

    /** A number belongs to one tenant: each tenant of this class gets its own block of DIDs. */
    private static int block;

    /** A tenant with local presence and DIDs in Atlanta (two), New York, London and Manchester. */
    private static String tenant(String region) {
        String id = TenantAdminApiTest.fresh("local");
        send(new CreateTenantHandler(wiring), platform("POST", "/tenants", Map.of(),
                TenantAdminApiTest.tenantBody(id).replace("\"US\"", "\"" + region + "\"")));
        ApiGatewayEvents patch = admin(id, "PATCH", "/tenant", "{\"callerIdStrategy\":\"localPresence\"}")
                .header("content-type", "application/merge-patch+json").header("if-match", "\"1\"");
        assertEquals(200, send(new OwnTenantHandler(wiring), patch).status());
        int b = block++;
        for (String number : new String[]{"+140455501" + b + "1", "+140455501" + b + "2", "+121255501" + b + "3",
                "+4420794601" + b + "4", "+4416149601" + b + "5"}) {
            AdminApi.Response added = send(new TenantNumbersHandler(wiring),
                    admin(id, "POST", "/tenant/dids", "{\"number\":\"" + number + "\"}"));
            assertEquals(201, added.status(), () -> String.valueOf(added.body()));
        }
        return id;
    }

    private static JsonNode placeAndRead(String tenantId, String to) {
        AdminApi.Response placed = send(new MakeCallHandler(backends.intake()),
                ApiGatewayEvents.request("POST", "/calls", Map.of(), "{\"to\":\"" + to + "\"}").tenantClaim(tenantId));
        assertEquals(202, placed.status(), () -> String.valueOf(placed.body()));
        String callId = placed.body().get("callId").asText();
        AdminApi.Response read = send(new GetCallHandler(ReadWiring.of(backends.config(), backends.local().dynamoDb())),
                ApiGatewayEvents.request("GET", "/calls/" + callId, Map.of("callId", callId), null).tenantClaim(tenantId));
        assertEquals(200, read.status(), () -> String.valueOf(read.body()));
        return read.body();
    }

    @Test
    void aCallTakesADidFromTheCalleesAreaLeastRecentlyUsedFirst() {
        String id = tenant("US");
        Set<String> atlanta = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            JsonNode call = placeAndRead(id, "+14045550100");
            assertTrue(call.get("from").asText().startsWith("+1404"), call::toPrettyString);
            assertEquals("localPresence: area +1404", call.get("callerIdReason").asText());
            atlanta.add(call.get("from").asText());
        }
        assertEquals(2, atlanta.size(), "least recently used among the area's DIDs: both taken in turn");
        assertTrue(placeAndRead(id, "(212) 555-0100").get("from").asText().startsWith("+1212"));
    }

    @Test
    void outsideNanpTheGeographicAreaCodeDecides() {
        String id = tenant("GB");
        assertTrue(placeAndRead(id, "0161 496 0000").get("from").asText().startsWith("+44161"));
        assertTrue(placeAndRead(id, "020 7946 0000").get("from").asText().startsWith("+4420"));
    }

    @Test
    void withNoDidInTheAreaTheWholePoolServesAndTheReasonSaysSo() {
        String id = tenant("US");
        JsonNode miami = placeAndRead(id, "+13055550100");
        assertEquals("localPresence: no DID in area +1305; least recently used", miami.get("callerIdReason").asText());
        JsonNode mobile = placeAndRead(id, "+447400123456");
        assertEquals("localPresence: the callee's number has no area; least recently used",
                mobile.get("callerIdReason").asText());
    }

    @Test
    void aTenantWithoutLocalPresenceRecordsLeastRecentlyUsed() {
        String id = TenantAdminApiTest.fresh("lru");
        send(new CreateTenantHandler(wiring), platform("POST", "/tenants", Map.of(), TenantAdminApiTest.tenantBody(id)));
        send(new TenantNumbersHandler(wiring), admin(id, "POST", "/tenant/dids", "{\"number\":\"+12125550199\"}"));
        JsonNode call = placeAndRead(id, "+14045550100");
        assertEquals("+12125550199", call.get("from").asText());
        assertEquals("leastRecentlyUsed", call.get("callerIdReason").asText());
    }
}
