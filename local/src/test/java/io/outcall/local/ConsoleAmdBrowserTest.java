package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answering-machine detection in the console, in headless Chromium against the local stack, whose
 * PBX simulator plays the AMD contract: numbers ending 61 answer as a person, 62 as a machine (a
 * 5.1 s greeting, then the message is left), 63 hang up during the analysis. A call placed from the
 * form with leaveMessage is followed to its machine and its voicemail; the call log filters by who
 * answered; an admin turns AMD on in the settings and the next call carries it; an out-of-range
 * argument shows its error beside its field; statistics count the answerers; the webhook form
 * offers the AMD events; the new parts fit 375 px. Screenshots in target/screenshots/.
 */
class ConsoleAmdBrowserTest extends ConsoleBrowserTestBase {

    private static final String MACHINE = "+17065554162";
    private static final String HUMAN = "+17065554161";

    private final ObjectMapper json = new ObjectMapper();

    /** The demo tenant as the other tests expect it: AMD off, at Asterisk's timing. */
    @AfterEach
    void amdOffAgain() throws Exception {
        HttpResponse<String> read = stack.send("GET", "/tenant", adminToken, null);
        HttpResponse<String> off = stack.send("PATCH", "/tenant", adminToken, "{\"answeringMachineDetection\":\"off\",\"amdParameters\":null}",
                Map.of("Content-Type", "application/merge-patch+json", "If-Match", read.headers().firstValue("etag").orElseThrow()));
        assertEquals(200, off.statusCode(), off.body());
    }

    @Test
    void aLeaveMessageCallFromTheFormShowsTheMachineAndTheVoicemailLiveAndTheFilterFindsIt() throws Exception {
        steps.signIn("demo", "calls");
        browser.script("window.stillThePageThatPlacedTheCall = true");
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[href='#/calls/new']"))).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to"))).sendKeys(MACHINE);
        assertFalse(browser.find(By.id("call-amd-prompt")).isDisplayed(), "the message fields wait for leaveMessage");
        new Select(browser.find(By.id("call-amd-mode"))).selectByValue("leaveMessage");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-amd-prompt"))).sendKeys("outcall-test/message");
        browser.find(By.id("call-amd-waitForSilenceMs")).sendKeys("1500");
        browser.find(By.cssSelector("#call-amd-timing summary")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-amd-greetingMs"))).sendKeys("1500");
        steps.screenshot("amd-call-form", By.id("call-amd"));
        browser.find(By.id("place-call")).click();
        browser.await(ExpectedConditions.urlMatches("#/calls/[0-9A-Z]{26}$"));
        String callId = browser.driver().getCurrentUrl().replaceAll(".*#/calls/", "");

        // Followed live: the AMD result, then the voicemail, without reloading.
        WebElement amd = browser.await(ExpectedConditions.presenceOfElementLocated(By.id("amd-record")));
        assertTrue(amd.getText().contains("Voicemail left"), amd.getText());
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#amd-record [data-answered-by=machine]"), "Machine"));
        steps.awaitFresh(driver -> definition("amd-record", "Voicemail left").equals("Yes"));
        assertEquals(true, browser.script("return window.stillThePageThatPlacedTheCall === true"), "the page never reloaded");
        assertEquals("MACHINE", definition("amd-record", "AMDSTATUS"));
        assertEquals("LONGGREETING-1500-1500", definition("amd-record", "AMDCAUSE"));
        assertTrue(definition("amd-record", "Time to result").matches("\\d+\\.\\d\\d s after the answer"),
                definition("amd-record", "Time to result"));
        assertFalse(definition("amd-record", "Voicemail left at").equals("—"));
        JsonNode call = json.readTree(stack.send("GET", "/calls/" + callId + "?events=false", adminToken, null).body());
        assertEquals("machine", call.path("answeredBy").asText(), call.toString());
        assertEquals(call.path("amdMillis").asInt() / 1000.0, Double.parseDouble(definition("amd-record", "Time to result").split(" ")[0]),
                0.006, "the time shown is the API's amdMillis");

        // The timeline names the dialplan's AMD reports in words.
        steps.awaitFinal(callId);
        List<String> marks = steps.awaitFresh(driver -> {
            List<String> titles = driver.findElements(By.cssSelector("#timeline .mark-amd title")).stream()
                    .map(title -> title.getAttribute("textContent")).toList();
            return titles.size() == 2 ? titles : null;
        });
        assertTrue(marks.get(0).startsWith("AMD result: Machine (AMDSTATUS MACHINE, AMDCAUSE LONGGREETING-1500-1500) at "), marks.get(0));
        assertTrue(marks.get(1).startsWith("Voicemail left (WaitForSilence ended: SILENCE) at "), marks.get(1));
        steps.screenshot("amd-call-machine-voicemail", By.id("amd-record"));

        // The call log: who answered, in a column and as a filter.
        browser.go("/#/calls");
        new Select(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("filter-answeredBy")))).selectByValue("machine");
        browser.find(By.cssSelector("form.filters button[type=submit]")).click();
        browser.await(ExpectedConditions.urlContains("answeredBy=machine"));
        By row = By.cssSelector("#calls-table tr[data-call-id='" + callId + "']");
        browser.await(ExpectedConditions.presenceOfElementLocated(row));
        assertEquals("Machine", steps.cellOf(row, "Answered by").getText());
        List<String> answerers = browser.driver().findElements(By.cssSelector("#calls-table tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-answered-by")).toList();
        assertTrue(answerers.stream().allMatch("machine"::equals), "only machines: " + answerers);
        steps.screenshot("amd-call-log-machine", row);

        new Select(browser.find(By.id("filter-answeredBy"))).selectByValue("human");
        browser.find(By.cssSelector("form.filters button[type=submit]")).click();
        browser.await(ExpectedConditions.urlContains("answeredBy=human"));
        browser.await(ConsoleSteps.noLoadingState());
        steps.awaitFresh(driver -> driver.findElements(row).isEmpty()
                && !driver.findElements(By.cssSelector("#calls-table, .results .state.empty")).isEmpty());
    }

    @Test
    void anAdminTurnsAmdOnInTheSettingsAndACallThroughTheApiCarriesIt() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant");
        Select mode = new Select(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-answeringMachineDetection"))));
        assertEquals("off", mode.getFirstSelectedOption().getDomAttribute("value"));
        WebElement greeting = browser.find(By.id("setting-amdParameters-greetingMs"));
        assertFalse(greeting.isDisplayed(), "the timing waits in its disclosure");
        assertTrue(browser.find(By.id("setting-amdParameters-greetingMs-hint")).getAttribute("textContent")
                .contains("500 to 10,000"), "the bounds are the hint");
        mode.selectByValue("detect");
        browser.find(By.cssSelector("#settings-amd-timing summary")).click();
        assertEquals("1500", greeting.getDomProperty("value"), "Asterisk's default, as the API gives it");
        greeting.clear();
        greeting.sendKeys("1600");
        steps.screenshot("amd-tenant-settings", By.id("settings-amd"));
        browser.find(By.id("settings-save")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-saved"), "Saved"));
        JsonNode tenant = json.readTree(stack.send("GET", "/tenant", adminToken, null).body());
        assertEquals("detect", tenant.path("answeringMachineDetection").asText(), tenant.toString());
        assertEquals(1600, tenant.at("/amdParameters/greetingMs").asInt(), tenant.toString());

        // No override: the tenant's AMD. The simulator's person says "Hello?" and is told apart.
        String callId = steps.placeCallWith("{\"to\":\"" + HUMAN + "\"}");
        browser.go("/#/calls/" + callId);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#amd-record [data-answered-by=human]"), "Human"));
        assertEquals("HUMAN", definition("amd-record", "AMDSTATUS"));
        steps.awaitFinal(callId);
        assertEquals("No", definition("amd-record", "Voicemail left"));
        steps.screenshot("amd-call-human", By.id("amd-record"));

        // A call placed with AMD off shows no AMD part.
        String plain = placeWith(MACHINE, "\"answeringMachineDetection\":\"off\"");
        browser.go("/#/calls/" + plain);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("call-record")));
        assertTrue(browser.driver().findElements(By.id("amd-record")).isEmpty(), "no AMD, no AMD part");
    }

    @Test
    void anOutOfRangeArgumentShowsItsErrorBesideItsField() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/calls/new");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to"))).sendKeys(MACHINE);
        new Select(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-amd-mode")))).selectByValue("leaveMessage");
        browser.find(By.cssSelector("#call-amd-timing summary")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-amd-totalAnalysisTimeMs"))).sendKeys("60000");
        // Closed again: the error opens it.
        browser.find(By.cssSelector("#call-amd-timing summary")).click();
        browser.find(By.id("place-call")).click();
        WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-amd-totalAnalysisTimeMs-error")));
        assertTrue(error.getText().contains("between 1000 and 30000, was 60000"), error.getText());
        assertEquals(browser.find(By.id("call-amd-totalAnalysisTimeMs")).findElement(By.xpath("..")), error.findElement(By.xpath("..")),
                "the error stands in its field's own box");
        assertEquals("true", browser.find(By.id("call-amd-totalAnalysisTimeMs")).getDomAttribute("aria-invalid"));
        WebElement prompt = browser.find(By.id("call-amd-prompt-error"));
        assertTrue(prompt.isDisplayed() && prompt.getText().contains("leaveMessage"), "no prompt for leaveMessage: " + prompt.getText());
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/calls/new"), "nothing placed");
        steps.screenshot("amd-call-form-errors", By.id("call-amd-totalAnalysisTimeMs"));

        browser.go("/#/tenant");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-answeringMachineDetection")));
        browser.find(By.cssSelector("#settings-amd-timing summary")).click();
        steps.type(By.id("setting-amdParameters-silenceThreshold"), "0");
        browser.find(By.cssSelector("#settings-amd-timing summary")).click();
        browser.find(By.id("settings-save")).click();
        WebElement threshold = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-amdParameters-silenceThreshold-error")));
        assertTrue(threshold.getText().contains("between 1 and 32767"), threshold.getText());
        assertEquals("setting-amdParameters-silenceThreshold", steps.focused("id"), "the keyboard is at the field at fault");
        assertEquals(256, json.readTree(stack.send("GET", "/tenant", adminToken, null).body()).at("/amdParameters/silenceThreshold").asInt(),
                "nothing saved");
        steps.screenshot("amd-tenant-settings-error", By.id("setting-amdParameters-silenceThreshold"));
    }

    @Test
    void statisticsCountWhoAnsweredAndTheVoicemailsLeft() throws Exception {
        List<String> calls = List.of(placeWith(HUMAN, "\"answeringMachineDetection\":\"detect\""),
                placeWith(MACHINE, "\"answeringMachineDetection\":\"leaveMessage\",\"voicemailMessage\":{\"prompt\":\"outcall-test/message\"}"));
        for (String callId : calls) {
            steps.awaitFinal(callId);
        }
        JsonNode total = json.readTree(stack.send("GET", "/calls/stats?interval=hour", adminToken, null).body()).path("total");
        assertTrue(total.at("/byAnsweredBy/machine").asInt() >= 1 && total.path("voicemailsLeft").asInt() >= 1, total.toString());

        steps.signIn("demo", "calls");
        browser.go("/#/stats");
        By totals = By.cssSelector("#stats-table tfoot tr");
        browser.await(ExpectedConditions.textToBe(By.cssSelector("#stats-table tfoot [data-label='Calls']"), total.path("calls").asText()));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Answered by a person", total.at("/byAnsweredBy/human").asText("0"));
        expected.put("Answered by a machine", total.at("/byAnsweredBy/machine").asText());
        expected.put("Voicemails left", total.path("voicemailsLeft").asText());
        for (var figure : expected.entrySet()) {
            assertEquals(figure.getValue(), steps.cellOf(totals, figure.getKey()).getText(), figure.getKey());
        }
        String average = steps.cellOf(totals, "Average AMD time").getText();
        assertTrue(average.endsWith(" s"), average);
        assertEquals(total.path("averageAmdMillis").asDouble() / 1000, Double.parseDouble(average.replace(" s", "")), 0.006,
                "the average shown is the API's averageAmdMillis");
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#stats-charts .uplot canvas"), 5));
        assertTrue(browser.find(By.cssSelector("#chart-amd")).getText().contains("Voicemails left"), "the AMD chart's legend");
        assertTrue(browser.find(By.id("stats-total")).getText().contains("voicemails left"), browser.find(By.id("stats-total")).getText());
        steps.screenshot("amd-statistics", By.id("chart-amd"));
    }

    @Test
    void aWebhookSubscribesToTheAmdEvents() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/webhooks");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-new-url")));
        steps.type(By.id("webhook-new-url"), "http://127.0.0.1:9/amd-hooks");
        browser.find(By.cssSelector(".event-types input[value='*']")).click();
        for (String type : List.of("call.human_detected", "call.machine_detected", "call.voicemail_left")) {
            browser.find(By.cssSelector(".event-types input[value='" + type + "']")).click();
        }
        // Inactive: it receives nothing while the other tests' calls run.
        browser.find(By.cssSelector("form input[name=active]")).click();
        steps.screenshot("amd-webhook-event-types", By.cssSelector(".event-types"));
        browser.find(By.id("webhook-create")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")));
        JsonNode saved = json.readTree(stack.send("GET", "/tenant/webhooks", adminToken, null).body()).path("webhooks")
                .findParents("url").stream().filter(w -> w.path("url").asText().endsWith("/amd-hooks")).findFirst().orElseThrow();
        assertEquals("[\"call.human_detected\",\"call.machine_detected\",\"call.voicemail_left\"]", saved.path("eventTypes").toString());
        assertEquals(204, stack.send("DELETE", "/tenant/webhooks/" + saved.path("webhookId").asText(), adminToken, null).statusCode());
    }

    @Test
    void theAmdPartsFit375PixelsWithoutSidewaysScrolling() throws Exception {
        String callId = placeWith(MACHINE, "\"answeringMachineDetection\":\"detect\"");
        steps.awaitFinal(callId);
        steps.signIn("demo", "admin");
        browser.size(375, 812);
        Map<String, By> pages = new LinkedHashMap<>();
        pages.put("calls/" + callId, By.cssSelector("#amd-record [data-answered-by=machine]"));
        pages.put("calls?answeredBy=machine", By.id("calls-table"));
        pages.put("calls/new", By.id("call-amd"));
        pages.put("tenant", By.id("settings-amd"));
        pages.put("stats", By.id("chart-amd"));
        for (var page : pages.entrySet()) {
            browser.go("/#/" + page.getKey());
            browser.await(ExpectedConditions.presenceOfElementLocated(page.getValue()));
            browser.await(ConsoleSteps.noLoadingState());
            // Every disclosure open, so the timing fields are measured too.
            browser.script("document.querySelectorAll('main details').forEach((d) => { d.open = true; });"
                    + "const mode = document.getElementById('call-amd-mode');"
                    + "if (mode) { mode.value = 'leaveMessage'; mode.dispatchEvent(new Event('change')); }");
            Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, overflow.intValue(), "#/" + page.getKey() + " scrolls sideways by " + overflow + " px");
            Object unlabelled = browser.script("return [...document.querySelectorAll('main input, main select')]"
                    + ".filter((c) => c.labels.length === 0 && !c.getAttribute('aria-label')).map((c) => c.outerHTML)");
            assertEquals(List.of(), unlabelled, "#/" + page.getKey() + ": every control has a label");
            steps.screenshot("amd-narrow-" + page.getKey().replaceAll("[/?=]", "-"), page.getValue());
        }
    }

    /** The text of the definition {@code name} in the definition list {@code list}. */
    private String definition(String list, String name) {
        return browser.find(By.xpath("//dl[@id='" + list + "']/dt[text()='" + name + "']/following-sibling::dd[1]")).getText();
    }

    private String placeWith(String to, String amd) throws IOException, InterruptedException {
        return steps.placeCallWith("{\"to\":\"" + to + "\"," + amd + "}");
    }
}
