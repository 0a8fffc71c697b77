package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real headless Chromium against the real local stack (DynamoDB Local,
 * ElasticMQ, the functions behind the front, the bridge, the PBX simulator), all on free ports.
 * Each test leaves a screenshot in target/screenshots/. Calls to numbers ending in 5 are answered
 * and hung up by the far end a few seconds later, 2 are busy, 3 ring until the ring timeout.
 */
class ConsoleBrowserTest extends ConsoleBrowserTestBase {

    static final String XSS = "<img src=x onerror=alert(1)>";

    private final ObjectMapper json = new ObjectMapper();

    private void signIn(String tenant, String role) {
        browser.go("/#/sign-in");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-tenant")));
        WebElement tenantField = browser.find(By.id("sign-in-tenant"));
        tenantField.clear();
        tenantField.sendKeys(tenant);
        new Select(browser.find(By.id("sign-in-role"))).selectByValue(role);
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.id("sign-out")));
    }

    private List<String> navigation() {
        return browser.driver().findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
    }

    private void openPlaceACall() {
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[href='#/calls/new']"))).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to")));
    }

    /** Signs in as a calls user of demo and places a call from the form, which then opens the call's page. */
    private void placeFromTheForm(String to, String ringTimeoutSeconds) {
        signIn("demo", "calls");
        openPlaceACall();
        browser.find(By.id("call-to")).sendKeys(to);
        browser.find(By.id("call-ringTimeoutSeconds")).sendKeys(ringTimeoutSeconds);
        browser.find(By.id("place-call")).click();
    }

    private void awaitStatus(String status) {
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#call-status-line .badge"),
                status.replace('_', ' ')));
    }

    private String placeByApi(String token, String to) throws Exception {
        HttpResponse<String> response = stack.send("POST", "/calls", token, "{\"to\":\"" + to + "\"}");
        assertEquals(202, response.statusCode(), response.body());
        return json.readTree(response.body()).path("callId").asText();
    }

    @Test
    void signingInShowsTheCallLogAndTheNavigationOfTheRole() throws Exception {
        browser.go("/");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-tenant")));
        assertEquals("Sign in", browser.find(By.tagName("h1")).getText());
        signIn("demo", "calls");
        browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Calls"));
        browser.await(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("calls-table")),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".results .state.empty"))));
        assertEquals(List.of("Calls", "Place a call", "Statistics", "API reference"), navigation());
        assertEquals(0L, browser.script("return window.localStorage.length"), "nothing in localStorage");
        assertTrue(browser.script("return sessionStorage.getItem('outcall.session')") != null, "the token is in sessionStorage");
        browser.screenshot("sign-in-call-log");

        browser.find(By.id("sign-out")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-tenant")));
        assertEquals(null, browser.script("return sessionStorage.getItem('outcall.session')"), "signing out forgets the token");
    }

    /** A JWT the console can read; its signature is no one's, so the API refuses it. */
    private static String unsignedToken(long expiresEpochSecond) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + base64.encodeToString(("{\"tenant_id\":\"demo\",\"scope\":\"outcall/calls\",\"exp\":" + expiresEpochSecond
                + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void anExpiredOrRefusedTokenLeadsBackToSignInAndThenToThePageItWasOn() throws Exception {
        browser.go("/");
        browser.script("sessionStorage.setItem('outcall.session', arguments[0])", unsignedToken(1_000_000_000L));
        browser.driver().get("about:blank");
        browser.go("/#/calls/new");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-tenant")));
        assertEquals(null, browser.script("return sessionStorage.getItem('outcall.session')"), "the expired token is dropped");

        browser.script("sessionStorage.setItem('outcall.session', arguments[0])",
                unsignedToken(java.time.Instant.now().plusSeconds(3600).getEpochSecond()));
        browser.driver().get("about:blank");
        browser.go("/#/calls?status=BUSY");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-tenant")));
        assertTrue(browser.find(By.cssSelector(".sign-in")).getText().contains("refused the token"), "says why");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.await(ExpectedConditions.urlContains("#/calls?status=BUSY"));
        browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Calls"));
        browser.screenshot("signed-in-again");
    }

    @Test
    void aCallPlacedFromTheFormIsFollowedToCompletedWithoutReloadingAndShowsItsTimeline() throws Exception {
        browser.go("/");
        browser.script("window.stillThePageThatPlacedTheCall = true");
        placeFromTheForm("+14045550125", "20");
        browser.await(ExpectedConditions.urlMatches("#/calls/[0-9A-Z]{26}$"));
        awaitStatus("COMPLETED");
        assertEquals(true, browser.script("return window.stillThePageThatPlacedTheCall === true"), "the page never reloaded");
        assertTrue(browser.find(By.id("call-record")).getText().contains("ANSWERED"), "disposition ANSWERED");

        WebElement timeline = browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline")));
        List<WebElement> lanes = timeline.findElements(By.cssSelector("g.lane"));
        assertTrue(lanes.size() >= 2, "a lane per channel (both halves of the Local channel at least): " + lanes.size());
        assertFalse(timeline.findElements(By.cssSelector(".mark-hangup")).isEmpty(), "hang-ups are marked");
        assertFalse(timeline.findElements(By.cssSelector(".seg-up")).isEmpty(), "the answered span is drawn");
        assertFalse(timeline.findElements(By.cssSelector(".mark-user")).isEmpty(), "the IVR's UserEvents are marked");
        browser.find(By.cssSelector("details summary")).click();
        assertTrue(browser.find(By.id("events-table")).getText().contains("Hangup"), "the events, in words");
        assertEquals(List.of(), browser.policyViolations(), "nothing the console does is refused by its CSP");
        browser.screenshot("call-completed-timeline");
    }

    @Test
    void theCallLogFiltersByStatusAndPagesByCursor() throws Exception {
        String token = stack.token("demo", "calls");
        List<String> busy = List.of(placeByApi(token, "+14045550122"), placeByApi(token, "+14045550132"),
                placeByApi(token, "+14045550142"));
        for (String callId : busy) {
            awaitFinal(token, callId);
        }
        signIn("demo", "calls");
        new Select(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("filter-status")))).selectByValue("BUSY");
        browser.find(By.id("filter-limit")).sendKeys("2");
        browser.find(By.cssSelector("form.filters button[type=submit]")).click();
        browser.await(ExpectedConditions.urlContains("status=BUSY"));
        // The newest page follows new calls live: the busy calls appear as the bridge ends them.
        browser.await(ExpectedConditions.elementToBeClickable(By.id("page-older")));
        List<String> first = rowIds();
        assertEquals(2, first.size(), "two a page");
        assertTrue(rowStatuses().stream().allMatch("BUSY"::equals), "only BUSY calls: " + rowStatuses());
        browser.screenshot("call-log-filtered");

        browser.find(By.id("page-older")).click();
        browser.await(ExpectedConditions.urlContains("cursor="));
        browser.await(ExpectedConditions.elementToBeClickable(By.id("page-newer")));
        browser.await(d -> !rowIds().isEmpty() && !rowIds().equals(first));
        List<String> second = rowIds();
        assertTrue(second.stream().noneMatch(first::contains), "the next page has other calls: " + first + " then " + second);
        assertTrue(rowStatuses().stream().allMatch("BUSY"::equals), "only BUSY calls: " + rowStatuses());
        java.util.Set<String> shown = new java.util.HashSet<>(first);
        shown.addAll(second);
        assertEquals(new java.util.HashSet<>(busy), shown, "the three busy calls, over two pages");

        browser.find(By.id("page-newer")).click();
        browser.await(d -> rowIds().equals(first));
    }

    /** Waits, through the API, until the call has a final status. */
    private void awaitFinal(String token, String callId) {
        new org.openqa.selenium.support.ui.FluentWait<>(callId).withTimeout(java.time.Duration.ofSeconds(30))
                .pollingEvery(java.time.Duration.ofMillis(200)).until(id -> {
                    try {
                        String status = json.readTree(stack.send("GET", "/calls/" + id + "?events=false", token, null).body())
                                .path("status").asText();
                        return !List.of("QUEUED", "DIALING", "RINGING", "ANSWERED").contains(status);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private List<String> rowIds() {
        return browser.driver().findElements(By.cssSelector("#calls-table tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-call-id")).toList();
    }

    private List<String> rowStatuses() {
        return browser.driver().findElements(By.cssSelector("#calls-table tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-status")).toList();
    }

    @Test
    void aBadNumberShowsItsErrorBesideTheField() throws Exception {
        signIn("demo", "calls");
        openPlaceACall();
        browser.find(By.id("call-to")).sendKeys("12");
        browser.find(By.id("place-call")).click();
        WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to-error")));
        assertFalse(error.getText().isBlank());
        WebElement field = browser.find(By.id("call-to")).findElement(By.xpath(".."));
        assertEquals(field, error.findElement(By.xpath("..")), "the error stands in the field's own box");
        assertEquals("true", browser.find(By.id("call-to")).getDomAttribute("aria-invalid"));
        assertTrue(browser.find(By.id("call-to")).getDomAttribute("aria-describedby").contains("call-to-error"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/calls/new"), "still on the form");
        browser.screenshot("bad-number");
    }

    @Test
    void aRingingCallIsCanceledFromItsPage() throws Exception {
        placeFromTheForm("+14045550133", "120");
        awaitStatus("RINGING");
        browser.find(By.id("cancel-call")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("cancel-result"), "hang the call up"));
        awaitStatus("CANCELED");
        assertTrue(browser.driver().findElements(By.id("cancel-call")).isEmpty(), "no cancel once it is over");
        browser.screenshot("call-canceled");
    }

    @Test
    void aCallsOnlyUserSeesNoTenantPagesAndTheApiRefusesThemWith403() throws Exception {
        signIn("demo", "calls");
        assertFalse(navigation().contains("Tenant"));
        browser.go("/#/tenant");
        browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Not allowed"));
        Object status = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/tenant', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('outcall.session')}})
                  .then(r => done(r.status), e => done(String(e)));""");
        assertEquals(403L, status, "GET /tenant with a calls-only token, from the page");
        browser.screenshot("calls-only-no-tenant");

        browser.find(By.id("sign-out")).click();
        signIn("demo", "admin");
        assertTrue(navigation().contains("Tenant"), navigation().toString());
        browser.find(By.linkText("Tenant")).click();
        // The record names the tenant by its id; its name is the settings form's first field.
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("tenant-record"), "demo"));
        browser.await(ExpectedConditions.attributeToBe(By.id("setting-name"), "value", "Demo Ltd"));
    }

    @Test
    void dataIsWrittenAsTextNeverAsMarkup() throws Exception {
        signIn("demo", "calls");
        openPlaceACall();
        browser.find(By.id("call-to")).sendKeys("+14045550125");
        browser.find(By.id("add-variable")).click();
        browser.find(By.cssSelector(".variable-name")).sendKeys("note");
        browser.find(By.cssSelector(".variable-value")).sendKeys(XSS);
        browser.find(By.id("place-call")).click();
        WebElement variables = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-variables")));
        assertEquals(XSS, variables.findElement(By.tagName("dd")).getText());

        browser.go("/#/calls/new");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to"))).sendKeys(XSS);
        browser.find(By.id("place-call")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to-error")));
        browser.go("/#/calls?journeyId=" + java.net.URLEncoder.encode(XSS, java.nio.charset.StandardCharsets.UTF_8));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".results"), "No calls match"));
        assertEquals(XSS, browser.find(By.id("filter-journeyId")).getDomProperty("value"));
        assertEquals(0L, browser.script("return document.querySelectorAll('img').length"), "no element made from data");
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
        browser.screenshot("xss-as-text");
    }

    @Test
    void at375PixelsNothingScrollsSideways() throws Exception {
        String token = stack.token("demo", "calls");
        String callId = placeByApi(token, "+14045550125");
        browser.size(375, 812);
        signIn("demo", "calls");
        Map<String, By> pages = Map.of("/#/calls", By.id("calls-table"), "/#/calls/new", By.id("call-to"),
                "/#/calls/" + callId, By.id("call-record"));
        for (var page : pages.entrySet()) {
            browser.go(page.getKey());
            browser.await(ExpectedConditions.presenceOfElementLocated(page.getValue()));
            Object overflow = browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, overflow, page.getKey() + " scrolls sideways by " + overflow + " px at "
                    + browser.script("return window.innerWidth") + " px");
        }
        browser.go("/#/calls");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("calls-table")));
        browser.screenshot("mobile-call-log");
    }

    @Test
    void theApiReferenceIsServedFromTheWebJarUnderTheConsolesPolicy() throws Exception {
        browser.policyViolations();
        browser.go("/docs");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#swagger-ui .title"), "outcall HTTP API"));
        assertFalse(browser.driver().findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty(), "the operations are listed");
        assertEquals(List.of(), browser.policyViolations(), "swagger-ui runs under the console's CSP");
        // The control: an inline script is refused, and the refusal is seen.
        browser.script("const inline = document.createElement('script'); inline.textContent = 'window.ran = 1';"
                + " document.head.append(inline)");
        assertEquals(null, browser.script("return window.ran === undefined ? null : window.ran"), "the inline script never ran");
        assertFalse(browser.policyViolations().isEmpty(), "the refusal is reported");
        browser.screenshot("api-reference");
    }

    private static final String KNOWN_VERIFIER = "a-verifier-of-43-characters-0123456789abcde";

    private static String s256(String verifier) throws Exception {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void theOidcModuleBuildsAPkceRequestAndExchangesTheCode() throws Exception {
        browser.go("/");
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const oidc = await import('/assets/js/oidc.js');
                  const out = {};
                  out.challenge = await oidc.codeChallenge(arguments[0]);
                  const issuer = 'https://id.example.test/pool';
                  const calls = [];
                  const fetchFn = async (url, init) => {
                    calls.push({url: String(url), init});
                    if (String(url).endsWith('/.well-known/openid-configuration')) {
                      return new Response(JSON.stringify({issuer, authorization_endpoint: issuer + '/authorize',
                        token_endpoint: issuer + '/token'}), {status: 200});
                    }
                    return new Response(JSON.stringify({access_token: 'the-access-token', token_type: 'Bearer'}), {status: 200});
                  };
                  const config = {issuer, clientId: 'console-client', scopes: 'openid outcall/calls'};
                  const location = {origin: 'https://console.example.test', pathname: '/', hash: '', search: ''};
                  const storage = new Map();
                  const store = {getItem: k => storage.has(k) ? storage.get(k) : null, setItem: (k, v) => storage.set(k, v),
                    removeItem: k => storage.delete(k)};
                  const url = new URL(await oidc.beginSignIn(config, location, store, {fetchFn}));
                  out.authorize = url.origin + url.pathname;
                  out.params = Object.fromEntries(url.searchParams);
                  const pending = JSON.parse(store.getItem('outcall.oidc.pending'));
                  out.challengeOfVerifier = await oidc.codeChallenge(pending.verifier);
                  out.verifierLength = pending.verifier.length;
                  try {
                    await oidc.completeSignIn(config, {search: '?code=c1&state=forged'}, store, fetchFn);
                    out.forged = 'accepted';
                  } catch (e) { out.forged = e.message; }
                  store.setItem('outcall.oidc.pending', JSON.stringify(pending));
                  out.token = await oidc.completeSignIn(config, {search: '?code=c1&state=' + encodeURIComponent(pending.state)}, store, fetchFn);
                  const exchange = calls[calls.length - 1];
                  out.exchangeUrl = exchange.url;
                  out.exchange = Object.fromEntries(new URLSearchParams(exchange.init.body));
                  out.verifier = pending.verifier;
                  out.pendingLeft = store.getItem('outcall.oidc.pending');
                  out.redirectBack = oidc.isRedirectBack({search: '?code=a&state=b'}) && !oidc.isRedirectBack({search: ''});
                  return out;
                })().then(done, e => done({error: String(e)}));""", KNOWN_VERIFIER);
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) result;
        assertFalse(out.containsKey("error"), String.valueOf(out.get("error")));
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) out.get("params");
        assertEquals("https://id.example.test/pool/authorize", out.get("authorize"));
        assertEquals("code", params.get("response_type"));
        assertEquals("console-client", params.get("client_id"));
        assertEquals("https://console.example.test/", params.get("redirect_uri"));
        assertEquals("S256", params.get("code_challenge_method"));
        assertEquals(out.get("challengeOfVerifier"), params.get("code_challenge"), "the challenge is S256 of the kept verifier");
        assertEquals(43L, out.get("verifierLength"));
        assertEquals(s256(KNOWN_VERIFIER), out.get("challenge"), "BASE64URL(SHA-256(verifier)), as the JDK computes it");
        assertTrue(String.valueOf(params.get("state")).length() >= 43, "an unguessable state");
        assertTrue(String.valueOf(out.get("forged")).contains("state"), "a forged state is refused: " + out.get("forged"));
        assertEquals("the-access-token", out.get("token"));
        assertEquals("https://id.example.test/pool/token", out.get("exchangeUrl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> exchange = (Map<String, Object>) out.get("exchange");
        assertEquals(Map.of("grant_type", "authorization_code", "code", "c1", "redirect_uri", "https://console.example.test/",
                "client_id", "console-client", "code_verifier", out.get("verifier")), exchange);
        assertEquals(null, out.get("pendingLeft"), "the verifier is used once");
        assertEquals(true, out.get("redirectBack"));
        assertNotEquals(params.get("state"), out.get("verifier"));
    }
}
