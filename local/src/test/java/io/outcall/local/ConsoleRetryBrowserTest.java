package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries in the console, in headless Chromium against the local stack (its PBX simulator is busy
 * on numbers ending 2): a call placed from the form with its own retry policy ends its first attempt
 * busy and its page shows the attempt in the attempts table, waiting for the next; an out-of-range
 * number of attempts is shown beside its field; an admin sets the tenant's policy in the settings
 * and empties it again. Screenshots in target/screenshots/.
 */
class ConsoleRetryBrowserTest extends ConsoleBrowserTestBase {

    private static final String BUSY = "+17065554172";

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void noPolicyAgain() throws Exception {
        steps.patchTenant("{\"retry\":null}");
    }

    @Test
    void aCallWithItsOwnPolicyShowsItsBusyAttemptAndWaitsForTheNext() throws Exception {
        steps.signIn("demo", "calls");
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[href='#/calls/new']"))).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-to"))).sendKeys(BUSY);
        assertFalse(browser.find(By.id("call-retry-maxAttempts")).isDisplayed(), "the policy's fields wait for 'own'");
        new Select(browser.find(By.id("call-retry-mode"))).selectByValue("own");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-retry-maxAttempts"))).sendKeys("11");
        browser.find(By.id("call-retry-on-CONGESTION")).click();
        browser.find(By.id("place-call")).click();
        WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("call-retry-maxAttempts-error")));
        assertTrue(error.getText().contains("1 (no retry) to 10"), error.getText());

        WebElement attempts = browser.find(By.id("call-retry-maxAttempts"));
        attempts.clear();
        attempts.sendKeys("2");
        browser.find(By.id("call-retry-delaySeconds")).sendKeys("600");
        steps.screenshot("retry-call-form", By.id("call-retry"));
        browser.find(By.id("place-call")).click();
        browser.await(ExpectedConditions.urlMatches("#/calls/[0-9A-Z]{26}$"));
        String callId = browser.driver().getCurrentUrl().replaceAll(".*#/calls/", "");
        JsonNode placed = steps.call(callId);
        assertEquals("[\"NO_ANSWER\",\"BUSY\"]", placed.at("/retry/on").toString(), placed.toString());
        assertEquals(2, placed.at("/retry/maxAttempts").asInt());
        assertEquals(600, placed.at("/retry/delaySeconds").asInt());

        // Attempt 1 is busy: the call waits SCHEDULED for attempt 2, ten minutes on.
        browser.await(driver -> "SCHEDULED".equals(steps.status(callId)));
        WebElement row = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#attempts-table tbody tr")));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("1", "BUSY", "BUSY"), cells.subList(0, 3), cells.toString());
        assertTrue(cells.get(3).startsWith("17"), "the hang-up cause: " + cells);
        assertTrue(browser.find(By.id("call-next-attempt")).getText().startsWith("Attempt 2 waits"));
        assertTrue(browser.find(By.id("attempts-title")).getText().contains("2 of 2"));
        steps.screenshot("retry-call-attempts", By.id("attempts-title"));
    }

    @Test
    void anAdminSetsTheTenantsPolicyAndEmptiesIt() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant");
        WebElement maxAttempts = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-retry-maxAttempts")));
        assertEquals("", maxAttempts.getDomProperty("value"), "no policy yet");
        maxAttempts.sendKeys("4");
        browser.find(By.id("setting-retry-on")).sendKeys("busy, no_answer");
        steps.screenshot("retry-tenant-settings", By.id("settings-retry"));
        browser.find(By.id("settings-save")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-saved"), "Saved"));
        JsonNode tenant = json.readTree(stack.send("GET", "/tenant", adminToken, null).body());
        assertEquals("{\"on\":[\"NO_ANSWER\",\"BUSY\"],\"maxAttempts\":4,\"delaySeconds\":300}", tenant.path("retry").toString());

        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-retry-maxAttempts"))).clear();
        browser.find(By.id("setting-retry-on")).clear();
        browser.find(By.id("setting-retry-delaySeconds")).clear();
        browser.find(By.id("settings-save")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-saved"), "version"));
        browser.await(driver -> {
            try {
                return json.readTree(stack.send("GET", "/tenant", adminToken, null).body()).path("retry").isMissingNode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
