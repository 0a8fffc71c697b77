package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's statistics and tenant (admin) pages in a real headless Chromium against the real
 * local stack on free ports, as {@link ConsoleBrowserTest}: caller IDs and webhooks added through
 * the forms, the secret shown once, a delivery listed after a call, a stale ETag shown as a
 * conflict, charts and table drawn from real calls, the pages at 375 px, markup in data shown as
 * text. Each test leaves a screenshot in target/screenshots/.
 */
class ConsoleTenantBrowserTest extends ConsoleBrowserTestBase {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAdminAddsEditsAndDeactivatesACallerId() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/dids");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("did-table")));
        steps.type(By.id("did-new-number"), "+14045550150");
        steps.type(By.id("did-new-label"), "support line");
        steps.type(By.id("did-new-callerName"), "Demo Support");
        browser.find(By.id("did-add")).click();
        By row = ConsoleSteps.numberRow("did-table", "+14045550150");
        browser.await(ExpectedConditions.presenceOfElementLocated(row));
        assertEquals("0", steps.cellOf(row, "Calls placed").getText(), "a new caller ID has placed no calls");
        assertEquals("Yes", steps.cellOf(row, "Active").getText());

        browser.find(row).findElement(By.cssSelector("button.edit")).click();
        WebElement label = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#did-table form input[name=label]")));
        label.clear();
        label.sendKeys("support, renamed");
        browser.find(By.cssSelector("#did-table form button[type=submit]")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(row, "support, renamed"));
        browser.await(driver -> "edit".equals(steps.focused("class")));

        browser.find(row).findElement(By.cssSelector("button.danger")).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("#did-table .confirm-yes"))).click();
        steps.awaitFresh(driver -> "No".equals(steps.cellOf(row, "Active").getText()));
        steps.screenshot("tenant-caller-ids", row);
    }

    @Test
    void anAdminRegistersAWebhookSeesItsSecretOnceAndItsDeliveries() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            steps.signIn("demo", "admin");
            browser.go("/#/tenant/webhooks");
            browser.await(ExpectedConditions.presenceOfElementLocated(By.id("webhooks-table")));
            steps.type(By.id("webhook-new-url"), url);
            browser.find(By.id("webhook-create")).click();
            WebElement secret = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")));
            String secretShown = secret.getDomProperty("value");
            assertTrue(secretShown.startsWith("whsec_"), "the secret is shown: " + secretShown);
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("webhooks-table"), url));
            steps.screenshot("tenant-webhook-secret", By.id("webhook-secret-panel"));

            browser.find(By.linkText(url)).click();
            browser.await(ExpectedConditions.presenceOfElementLocated(By.id("webhook-save")));
            assertTrue(browser.driver().findElements(By.id("webhook-secret")).isEmpty(), "the secret is not shown again");

            String callId = steps.placeCall("+14045550121");
            // Ended before the next test, so the statistics test counts a settled tenant.
            steps.awaitFinal(callId);
            // The deliveries page lists the call's events once the sender has sent them.
            By delivered = By.cssSelector("#deliveries-table tr[data-state=DELIVERED] a[href='#/calls/" + callId + "']");
            browser.await(driver -> {
                browser.find(By.id("deliveries-refresh")).click();
                return !driver.findElements(delivered).isEmpty();
            });
            steps.screenshot("tenant-webhook-deliveries", By.id("deliveries-table"));

            // An ended delivery can be sent again.
            steps.awaitFresh(driver -> {
                driver.findElement(By.cssSelector("#deliveries-table tr[data-state=DELIVERED] button.retry")).click();
                return true;
            });
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("webhook-notice"), "is queued again"));

            // Fewer event types, a new secret (shown once more), then gone.
            browser.find(By.cssSelector(".event-types input[value='*']")).click();
            browser.find(By.cssSelector(".event-types input[value='call.completed']")).click();
            browser.find(By.id("webhook-save")).click();
            browser.await(ExpectedConditions.textToBe(By.id("webhook-notice"), "Saved."));
            String webhookId = json.readTree(stack.send("GET", "/tenant/webhooks", adminToken, null).body()).path("webhooks")
                    .findParents("url").stream().filter(w -> w.path("url").asText().equals(url)).findFirst().orElseThrow()
                    .path("webhookId").asText();
            JsonNode saved = json.readTree(stack.send("GET", "/tenant/webhooks/" + webhookId, adminToken, null).body());
            assertEquals("[\"call.completed\"]", saved.path("eventTypes").toString(), "the event types were saved: " + saved);
            browser.find(By.id("webhook-rotate")).click();
            WebElement rotated = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")));
            assertTrue(rotated.getDomProperty("value").startsWith("whsec_"));
            assertFalse(rotated.getDomProperty("value").equals(secretShown), "a new secret");
            browser.find(By.id("webhook-delete")).click();
            browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector(".confirm-yes"))).click();
            browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Webhooks"));
            assertEquals(404, stack.send("GET", "/tenant/webhooks/" + webhookId, adminToken, null).statusCode(), "deleted");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aWebhookFormShowsEachFieldErrorBesideItsField() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/webhooks");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("webhooks-table")));
        steps.type(By.id("webhook-new-url"), "ftp://example.com/hooks");
        browser.find(By.cssSelector(".event-types input[value='*']")).click();
        browser.find(By.id("webhook-create")).click();
        WebElement urlError = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-new-url-error")));
        assertTrue(urlError.getText().contains("https"), "the URL's error says what to send: " + urlError.getText());
        WebElement typesError = browser.find(By.cssSelector(".event-types .field-error"));
        assertTrue(typesError.isDisplayed() && typesError.getText().contains("event type"), "the event types' error: " + typesError.getText());
        assertTrue(browser.driver().findElements(By.id("webhook-secret")).isEmpty(), "nothing was registered");
        steps.screenshot("tenant-webhook-field-errors", By.id("webhook-new-url"));
    }

    @Test
    void aCallerIdIsAddedWithTheKeyboardAloneWithVisibleFocus() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/dids");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("did-table")));
        browser.find(By.id("did-new-number")).sendKeys("+14045550180", Keys.TAB);
        assertEquals("did-new-label", steps.focused("id"), "Tab goes from the number to the label");
        browser.driver().switchTo().activeElement().sendKeys("keyboard", Keys.TAB);
        assertEquals("did-new-callerName", steps.focused("id"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("did-add", steps.focused("id"), "then to the add button");
        Object outline = browser.script("const s = getComputedStyle(document.activeElement);"
                + "return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2");
        assertEquals(Boolean.TRUE, outline, "the focused button shows its focus");
        steps.screenshot("tenant-keyboard-focus", By.id("did-add"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.presenceOfElementLocated(ConsoleSteps.numberRow("did-table", "+14045550180")));
    }

    @Test
    void theAuditLogPagesByCursorBothWays() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/audit?limit=2");
        By firstRow = By.cssSelector("#audit-table tbody tr:first-child");
        browser.await(ExpectedConditions.presenceOfElementLocated(firstRow));
        String newest = browser.find(firstRow).getText();
        assertEquals(2, browser.driver().findElements(By.cssSelector("#audit-table tbody tr")).size(), "two to a page");
        assertTrue(browser.driver().findElements(By.cssSelector("#audit .page-newer")).isEmpty(), "the first page has nothing newer");
        browser.find(By.cssSelector("#audit .page-older")).click();
        steps.awaitFresh(driver -> !driver.findElement(firstRow).getText().equals(newest));
        steps.screenshot("tenant-audit-second-page", By.id("audit"));
        browser.find(By.cssSelector("#audit .page-newer")).click();
        steps.awaitFresh(driver -> driver.findElement(firstRow).getText().equals(newest));
    }

    @Test
    void aSettingsEditOnAStaleVersionShowsTheConflictAndReloads() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant");
        WebElement ring = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-ringTimeoutSeconds")));

        // Someone else saves in between, on the version the page read.
        HttpResponse<String> read = stack.send("GET", "/tenant", adminToken, null);
        HttpResponse<String> elsewhere = stack.send("PATCH", "/tenant", adminToken, "{\"name\":\"Renamed elsewhere\"}",
                Map.of("Content-Type", "application/merge-patch+json", "If-Match", read.headers().firstValue("etag").orElseThrow()));
        assertEquals(200, elsewhere.statusCode(), elsewhere.body());

        ring.clear();
        ring.sendKeys("40");
        browser.find(By.id("settings-save")).click();
        WebElement conflict = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("settings-conflict")));
        assertTrue(conflict.getText().contains("Not saved: the settings changed since you loaded them."), conflict.getText());
        assertTrue(conflict.getText().contains("ringTimeoutSeconds: 40"), "it lists the change it could not save: " + conflict.getText());
        steps.screenshot("tenant-settings-conflict", By.id("settings-conflict"));

        browser.find(By.id("settings-reload")).click();
        // The form is drawn anew with what was read: an element found a moment before may be gone.
        browser.await(ExpectedConditions.refreshed(ExpectedConditions.attributeToBe(By.id("setting-name"), "value", "Renamed elsewhere")));
        assertEquals("setting-name", steps.focused("id"), "the keyboard is back in the form");
        WebElement again = browser.find(By.id("setting-ringTimeoutSeconds"));
        again.clear();
        again.sendKeys("40");
        browser.find(By.id("settings-save")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-saved"), "Saved"));
        JsonNode now = json.readTree(stack.send("GET", "/tenant", adminToken, null).body());
        assertEquals(40, now.path("ringTimeoutSeconds").asInt(), "the save after the reload was written: " + now);
    }

    @Test
    void anAdminSetsACallingWindowWithAnErrorShownBesideItsDay() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant");
        WebElement mode = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-callingWindow-outsideWindow")));
        try {
            new Select(mode).selectByValue("refuse");
            WebElement monday = browser.find(By.id("setting-callingWindow-monday"));
            monday.sendKeys("9:00-17:00");
            browser.find(By.id("settings-save")).click();
            WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-callingWindow-monday-error")));
            assertTrue(error.getText().contains("HH:mm"), error.getText());
            steps.screenshot("tenant-settings-calling-window-error", By.id("settings-window"));

            monday.clear();
            monday.sendKeys("09:00-12:00, 13:00-17:00");
            browser.find(By.id("setting-callingWindow-saturday")).sendKeys("10:00-14:00");
            browser.find(By.id("settings-save")).click();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-saved"), "Saved"));
            JsonNode now = json.readTree(stack.send("GET", "/tenant", adminToken, null).body());
            assertEquals("refuse", now.at("/callingWindow/outsideWindow").asText(), now.toString());
            assertEquals("13:00", now.at("/callingWindow/hours/monday/1/from").asText(), now.toString());
            assertTrue(now.at("/callingWindow/hours/tuesday").isMissingNode(), "a day left empty is closed: " + now);
            // Drawn anew from what was saved.
            assertEquals("10:00-14:00", browser.find(By.id("setting-callingWindow-saturday")).getDomProperty("value"));
        } finally {
            // The demo tenant is shared with the tests that place calls: it ends without a window.
            HttpResponse<String> read = stack.send("GET", "/tenant", adminToken, null);
            HttpResponse<String> removed = stack.send("PATCH", "/tenant", adminToken, "{\"callingWindow\":null}",
                    Map.of("Content-Type", "application/merge-patch+json", "If-Match", read.headers().firstValue("etag").orElseThrow()));
            assertEquals(200, removed.statusCode(), removed.body());
        }
    }

    @Test
    void aSettingsFieldErrorShowsBesideItsField() throws Exception {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant");
        WebElement region = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-defaultRegion")));
        region.clear();
        region.sendKeys("ZZ");
        browser.find(By.id("settings-save")).click();
        WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("setting-defaultRegion-error")));
        assertFalse(error.getText().isBlank(), "the region's error is beside it");
        assertEquals("true", region.getDomAttribute("aria-invalid"));
        steps.screenshot("tenant-settings-field-error", By.id("setting-defaultRegion"));
    }

    @Test
    void statisticsDrawChartsAndTheTableAfterCalls() throws Exception {
        List<String> calls = new ArrayList<>();
        for (String to : List.of("+14045550121", "+14045550122", "+14045550125")) {
            calls.add(steps.placeCall(to));
        }
        for (String callId : calls) {
            steps.awaitFinal(callId);
        }
        int total = json.readTree(stack.send("GET", "/calls/stats?interval=hour", adminToken, null).body())
                .path("total").path("calls").asInt();
        assertTrue(total >= calls.size(), "the API counts the calls: " + total);

        steps.signIn("demo", "calls");
        browser.go("/#/stats");
        By totalCell = By.cssSelector("#stats-table tfoot [data-label='Calls']");
        browser.await(ExpectedConditions.textToBe(totalCell, String.valueOf(total)));
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#stats-charts .uplot canvas"), 4));
        Object painted = browser.script("const c = document.querySelector('#chart-calls canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
        assertTrue(((Number) painted).longValue() > 0, "the calls chart has drawn pixels");
        assertTrue(browser.find(By.id("stats-table")).findElements(By.cssSelector("tbody tr")).size() >= 24,
                "a row per hour of the last day");
        steps.screenshot("statistics", By.id("stats-total"));

        new Select(browser.find(By.id("stats-interval"))).selectByValue("day");
        browser.find(By.cssSelector("form[aria-label='Statistics range'] button[type=submit]")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#stats-table caption"), "Per day"));
        browser.await(ExpectedConditions.textToBe(totalCell, String.valueOf(total)));

        // A range the API refuses: its error stands beside the field it names.
        browser.go("/#/stats?interval=hour&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z");
        WebElement fromError = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("stats-from-error")));
        assertTrue(fromError.getText().contains("before"), "from must be before to: " + fromError.getText());
    }

    @Test
    void dataIsWrittenAsTextNeverAsMarkup() throws Exception {
        HttpResponse<String> added = stack.send("POST", "/tenant/transfer-numbers", adminToken,
                "{\"number\":\"+14045550170\",\"label\":" + json.writeValueAsString(XSS) + ",\"weight\":2}");
        assertEquals(201, added.statusCode(), added.body());
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/dids");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("did-table")));
        steps.type(By.id("did-new-number"), "+14045550160");
        steps.type(By.id("did-new-label"), XSS);
        browser.find(By.id("did-add")).click();
        By row = ConsoleSteps.numberRow("did-table", "+14045550160");
        browser.await(ExpectedConditions.presenceOfElementLocated(row));
        assertEquals(XSS, steps.cellOf(row, "Label").getText());
        assertTrue(browser.driver().findElements(By.cssSelector("main img")).isEmpty(), "no image element was made");
        steps.screenshot("tenant-xss-as-text", row);

        browser.go("/#/tenant/transfer-numbers");
        By transfer = ConsoleSteps.numberRow("transfer-table", "+14045550170");
        browser.await(ExpectedConditions.presenceOfElementLocated(transfer));
        assertEquals(XSS, steps.cellOf(transfer, "Label").getText());

        browser.go("/#/tenant/audit");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), XSS));
        assertTrue(browser.driver().findElements(By.cssSelector("main img")).isEmpty(), "no image element in the audit log");
        // An alert would have been opened by the markup's onerror; the browser would refuse this call then.
        assertEquals("ok", browser.script("return 'ok'"));
    }

    @Test
    void theTenantAndStatisticsPagesFit375PixelsWithoutSidewaysScrolling() throws Exception {
        steps.signIn("demo", "admin");
        browser.size(375, 812);
        assertTrue(((Number) browser.script("return window.innerWidth")).intValue() <= 375, "the viewport is 375 px wide");
        Map<String, By> pages = Map.of(
                "tenant", By.id("setting-name"),
                "tenant/dids", By.id("did-table"),
                "tenant/transfer-numbers", By.id("transfer-table"),
                "tenant/webhooks", By.id("webhooks-table"),
                "tenant/webhooks/" + DemoWebhook.ENDPOINT_ID, By.id("webhook-save"),
                "tenant/audit", By.id("audit-table"),
                "stats", By.cssSelector("#stats-charts, .results .state.empty"));
        for (var page : pages.entrySet()) {
            browser.go("/#/" + page.getKey());
            browser.await(ExpectedConditions.presenceOfElementLocated(page.getValue()));
            browser.await(ConsoleSteps.noLoadingState());
            Number overflow = (Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, overflow.intValue(), "#/" + page.getKey() + " scrolls sideways by " + overflow + " px");
            Object unlabelled = browser.script("return [...document.querySelectorAll('main input, main select, main textarea')]"
                    + ".filter((c) => c.labels.length === 0 && !c.getAttribute('aria-label')).map((c) => c.outerHTML)");
            assertEquals(List.of(), unlabelled, "#/" + page.getKey() + ": every control has a label");
            browser.screenshot("narrow-" + page.getKey().replace('/', '-'));
        }
    }

    @Test
    void aCallsOnlyUserSeesNoTenantPagesAndTheApiRefusesIt() throws Exception {
        steps.signIn("demo", "calls");
        List<String> navigation = browser.driver().findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertTrue(navigation.contains("Statistics"), "statistics is a calls page: " + navigation);
        assertFalse(navigation.contains("Tenant"), "no tenant pages for calls: " + navigation);
        browser.go("/#/tenant/webhooks");
        browser.await(ExpectedConditions.textToBe(By.tagName("h1"), "Not allowed"));
        assertEquals(403, stack.send("GET", "/tenant/webhooks", stack.token("demo", "calls"), null).statusCode());
        browser.screenshot("tenant-not-allowed");
    }
}
