package io.outcall.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real headless Chromium against the real local stack (DynamoDB Local,
 * ElasticMQ, the functions behind the front, the bridge, the PBX simulator), all on free ports.
 * Each test leaves a screenshot in target/screenshots/.
 */
class ConsoleBrowserTest {

    @TempDir
    static Path state;
    private static ConsoleStack stack;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        ConsoleBrowser.requireInstalled();
        stack = ConsoleStack.start(state);
        browser = ConsoleBrowser.open(stack.base());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.size(1280, 900);
        browser.go("/");
        browser.script("sessionStorage.clear()");
    }

    private void signIn(String tenant, String role) {
        browser.go("/#/sign-in");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-tenant")));
        var tenantField = browser.find(By.id("sign-in-tenant"));
        tenantField.clear();
        tenantField.sendKeys(tenant);
        new Select(browser.find(By.id("sign-in-role"))).selectByValue(role);
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.id("sign-out")));
    }

    private List<String> navigation() {
        return browser.driver().findElements(By.cssSelector("#nav a")).stream().map(a -> a.getText()).toList();
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
        assertTrue(browser.script("return window.localStorage.length").toString().equals("0"), "nothing in localStorage");
        assertTrue(browser.script("return sessionStorage.getItem('outcall.session')") != null, "the token is in sessionStorage");
        browser.screenshot("sign-in-call-log");
    }
}
