package io.outcall.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the console's browser tests do again and again: sign in through the page, type, find a row
 * and its cells, wait through lists drawn anew, screenshot a part of the page, and place and follow
 * calls through the API (never the form) with a token of the tenant.
 */
final class ConsoleSteps {

    private final ConsoleBrowser browser;
    private final ConsoleStack stack;
    private final String token;
    private static final Set<String> FINAL = Set.of("COMPLETED", "BUSY", "NO_ANSWER", "FAILED", "CANCELED");

    private final ObjectMapper json = new ObjectMapper();

    /** @param token the API token calls are placed and read with */
    ConsoleSteps(ConsoleBrowser browser, ConsoleStack stack, String token) {
        this.browser = browser;
        this.stack = stack;
        this.token = token;
    }

    void signIn(String tenant, String role) {
        browser.go("/#/sign-in");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-tenant")));
        type(By.id("sign-in-tenant"), tenant);
        new Select(browser.find(By.id("sign-in-role"))).selectByValue(role);
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.id("sign-out")));
    }

    void type(By by, String text) {
        WebElement input = browser.find(by);
        input.clear();
        input.sendKeys(text);
    }

    /** A screenshot with {@code subject} in view. */
    void screenshot(String name, By subject) throws IOException {
        awaitFresh(driver -> browser.script("arguments[0].scrollIntoView({block: 'center'}); return true", browser.find(subject)));
        browser.screenshot(name);
    }

    /** Waits for {@code condition}, asking again when a list drawn anew took the element it had found. */
    <T> T awaitFresh(ExpectedCondition<T> condition) {
        return browser.await(ExpectedConditions.refreshed(condition));
    }

    /** An attribute of the element that has the keyboard focus. */
    String focused(String attribute) {
        return browser.driver().switchTo().activeElement().getDomAttribute(attribute);
    }

    /** The row of {@code table} that shows {@code number}. */
    static By numberRow(String table, String number) {
        return By.xpath("//table[@id='" + table + "']//tr[.//span[text()='" + number + "']]");
    }

    /** The cell of {@code row} under the column {@code label} (each cell names its column for the narrow layout). */
    WebElement cellOf(By row, String label) {
        return browser.find(row).findElement(By.cssSelector("td[data-label='" + label + "']"));
    }

    /** Nothing on the page is loading any more. */
    static ExpectedCondition<Boolean> noLoadingState() {
        return driver -> driver.findElements(By.cssSelector("main .state.loading, main [aria-busy=true]")).isEmpty();
    }

    /** Places a call through the API: 5 s of ringing at most, so it ends soon. */
    String placeCall(String to) throws IOException, InterruptedException {
        return placeCallWith("{\"to\":\"" + to + "\",\"ringTimeoutSeconds\":5}");
    }

    /** Places a call through the API with this request body; answers its id. */
    String placeCallWith(String body) throws IOException, InterruptedException {
        HttpResponse<String> placed = stack.send("POST", "/calls", token, body);
        assertEquals(202, placed.statusCode(), placed.body());
        return json.readTree(placed.body()).path("callId").asText();
    }

    /** Waits until the API says the call has a final status. */
    void awaitFinal(String callId) {
        browser.await(driver -> FINAL.contains(status(callId)));
    }

    /** The call's status as the API says it now. */
    String status(String callId) {
        try {
            return json.readTree(stack.send("GET", "/calls/" + callId + "?events=false", token, null).body()).path("status").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
