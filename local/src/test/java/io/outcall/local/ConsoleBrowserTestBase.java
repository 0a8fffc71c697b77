package io.outcall.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * One local stack and one headless Chromium per test class, and every test starting signed out at
 * desktop size: what the console's browser test classes share.
 */
abstract class ConsoleBrowserTestBase {

    @TempDir
    static Path state;
    static ConsoleStack stack;
    static ConsoleBrowser browser;
    /** A token of the demo tenant's admin, and the steps that place and read calls with it. */
    static String adminToken;
    static ConsoleSteps steps;

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        ConsoleBrowser.requireInstalled();
        stack = ConsoleStack.start(state);
        browser = ConsoleBrowser.open(stack.base());
        adminToken = stack.token("demo", "admin");
        steps = new ConsoleSteps(browser, stack, adminToken);
    }

    @AfterAll
    static void stopStackAndBrowser() {
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
        // Away from the console, so the next visit starts it afresh (a hash change alone would not).
        browser.driver().get("about:blank");
    }
}
