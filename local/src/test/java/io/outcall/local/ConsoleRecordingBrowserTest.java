package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recordings in the console, in headless Chromium against the local stack, whose simulator writes
 * a tone as long as a recorded call was up into the stack's spool and whose bridge uploads it to
 * the local S3: a call placed from the form with recording on shows its recording, whose audio
 * element loads from the presigned link under the console's CSP, and is deleted for good; an
 * admin turns record on and a call without its own choice is recorded; the webhook form offers
 * call.recording_ready; the new parts fit 375 px. Screenshots in target/screenshots/.
 */
class ConsoleRecordingBrowserTest extends ConsoleBrowserTestBase {

    /** Answers after 1 s of ringing, talks 3 s, hangs up: a short recording. */
    private static final String ANSWERS = "+17065551235";

    private final ObjectMapper json = new ObjectMapper();

    /** The demo tenant as the other tests expect it: nothing recorded unless a call asks. */
    @AfterEach
    void recordOffAgain() throws Exception {
        steps.patchTenant("{\"record\":false}");
    }

    @Test
    void aCallFromTheFormWithRecordingOnPlaysItsRecordingWhichIsThenDeletedForGood() throws Exception {
        steps.signIn("demo", "calls");
        browser.policyViolations();
        browser.go("/#/calls/new");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to"))).sendKeys(ANSWERS);
        Select record = new Select(browser.find(By.id("call-record")));
        assertEquals("", record.getFirstSelectedOption().getDomAttribute("value"), "the tenant's setting unless chosen");
        record.selectByValue("true");
        browser.find(By.id("place-call")).click();
        browser.await(ExpectedConditions.urlMatches("#/calls/[0-9A-Z]{26}$"));
        String callId = browser.driver().getCurrentUrl().replaceAll(".*#/calls/", "");

        // Followed live past its end until the bridge stored the file.
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("recording-audio")));
        JsonNode call = steps.call(callId);
        assertEquals("COMPLETED", call.path("status").asText(), call.toString());
        assertTrue(call.path("record").asBoolean(), call.toString());
        JsonNode stored = call.path("recording");
        assertEquals(stored.path("durationSeconds").asDouble(), Double.parseDouble(definition("Duration").replace(" s", "")), 0.051,
                "the duration shown is the API's");
        assertTrue(definition("Size").endsWith(" KB"), definition("Size"));
        assertFalse(definition("Stored").equals("—"));

        // The audio element plays the presigned link: its metadata loads, with a duration.
        browser.await(driver -> (Boolean) browser.script("const a = document.getElementById('recording-audio');"
                + " return a.readyState >= 1 && a.duration > 0"));
        String src = (String) browser.script("return document.getElementById('recording-audio').currentSrc");
        assertTrue(src.contains("/audiobucket/recordings/demo/") && src.contains("X-Amz-Expires=300"), src);
        assertEquals(src, browser.find(By.id("recording-download")).getDomAttribute("href"), "the download is the same link");
        assertEquals(List.of(), browser.policyViolations(), "the audio plays under the console's CSP");
        steps.screenshot("recording-call-page", By.id("recording"));

        // The call log marks it.
        browser.go("/#/calls");
        By row = By.cssSelector("#calls-table tr[data-call-id='" + callId + "']");
        browser.await(ExpectedConditions.presenceOfElementLocated(row));
        assertEquals("true", browser.find(row).getDomAttribute("data-recorded"));
        assertTrue(steps.cellOf(row, "Status").getText().contains("recorded"), steps.cellOf(row, "Status").getText());

        // Delete, asked again in the page: then the part says it is gone, and so does the API.
        browser.go("/#/calls/" + callId);
        browser.await(ExpectedConditions.elementToBeClickable(By.id("recording-delete"))).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("#recording .confirm-yes"))).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("recording"), "The recording was deleted"));
        assertTrue(browser.driver().findElements(By.id("recording-audio")).isEmpty());
        assertEquals(404, stack.send("GET", "/calls/" + callId + "/recording", adminToken, null).statusCode());
        assertTrue(steps.call(callId).path("recording").isMissingNode(), "the call has no recording any more");
        assertEquals(List.of(), browser.policyViolations());
    }

    @Test
    void anAdminTurnsRecordOnAndACallThroughTheApiWithoutItsOwnChoiceIsRecorded() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant");
        var box = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-record")));
        assertFalse(box.isSelected(), "off, as the demo tenant starts");
        box.click();
        steps.screenshot("recording-tenant-settings", By.id("setting-record"));
        browser.find(By.id("settings-save")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-saved"), "Saved"));
        JsonNode tenant = json.readTree(stack.send("GET", "/tenant", adminToken, null).body());
        assertTrue(tenant.path("record").asBoolean(), tenant.toString());
        browser.go("/#/tenant");
        assertTrue(browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-record"))).isSelected(),
                "read back checked");

        String callId = steps.placeCallWith("{\"to\":\"" + ANSWERS + "\"}");
        browser.await(driver -> steps.call(callId).has("recording"));
        assertTrue(steps.call(callId).path("record").asBoolean());
        browser.go("/#/calls/" + callId);
        browser.await(driver -> (Boolean) browser.script("const a = document.getElementById('recording-audio');"
                + " return a !== null && a.readyState >= 1 && a.duration > 0"));

        // The webhook form offers the recording's event.
        browser.go("/#/tenant/webhooks");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-new-url")));
        steps.type(By.id("webhook-new-url"), "http://127.0.0.1:9/recording-hooks");
        browser.find(By.cssSelector(".event-types input[value='*']")).click();
        browser.find(By.cssSelector(".event-types input[value='call.recording_ready']")).click();
        browser.find(By.cssSelector("form input[name=active]")).click();
        browser.find(By.id("webhook-create")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")));
        JsonNode saved = json.readTree(stack.send("GET", "/tenant/webhooks", adminToken, null).body()).path("webhooks")
                .findParents("url").stream().filter(w -> w.path("url").asText().endsWith("/recording-hooks")).findFirst().orElseThrow();
        assertEquals("[\"call.recording_ready\"]", saved.path("eventTypes").toString());
        assertEquals(204, stack.send("DELETE", "/tenant/webhooks/" + saved.path("webhookId").asText(), adminToken, null).statusCode());
    }

    @Test
    void theRecordingPartsFit375PixelsWithoutSidewaysScrolling() throws Exception {
        String callId = steps.placeCallWith("{\"to\":\"" + ANSWERS + "\",\"record\":true}");
        browser.await(driver -> steps.call(callId).has("recording"));
        steps.signIn("demo", "admin");
        browser.size(375, 812);
        Map<String, By> pages = new LinkedHashMap<>();
        pages.put("calls/" + callId, By.id("recording-audio"));
        pages.put("calls", By.cssSelector("#calls-table .recorded"));
        pages.put("calls/new", By.id("call-record"));
        pages.put("tenant", By.id("setting-record"));
        for (var page : pages.entrySet()) {
            browser.go("/#/" + page.getKey());
            browser.await(ExpectedConditions.presenceOfElementLocated(page.getValue()));
            browser.await(ConsoleSteps.noLoadingState());
            int overflow = steps.sidewaysOverflow();
            assertEquals(0, overflow, "#/" + page.getKey() + " scrolls sideways by " + overflow + " px");
            steps.screenshot("recording-narrow-" + page.getKey().replaceAll("[/?=]", "-"), page.getValue());
        }
    }

    /** The text of the definition {@code name} in the recording's list. */
    private String definition(String name) {
        return browser.find(By.xpath("//dl[@id='recording-record']/dt[text()='" + name + "']/following-sibling::dd[1]")).getText();
    }
}
