package io.outcall.local;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The do-not-call page in headless Chromium against the local stack: an admin adds a number (in
 * national form, shown in E.164), a call to it is refused, the number is removed after a
 * confirmation; a CSV file is imported and its report lists every rejected line; the page fits
 * 375 px. Screenshots in target/screenshots/.
 */
class ConsoleDncBrowserTest extends ConsoleBrowserTestBase {

    private static final By LIST_READY = By.cssSelector("#dnc-list[aria-busy=false]");

    private void openPage() {
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/dnc");
        browser.await(ExpectedConditions.presenceOfElementLocated(LIST_READY));
    }

    @Test
    void anAdminAddsANumberACallToItIsRefusedAndTheAdminRemovesItAgain() throws Exception {
        openPage();
        steps.type(By.id("dnc-number"), "(706) 555-0377");
        steps.type(By.id("dnc-reason"), "asked on the phone");
        browser.find(By.id("dnc-add")).click();
        By row = ConsoleSteps.numberRow("dnc-table", "+17065550377");
        browser.await(ExpectedConditions.presenceOfElementLocated(row));
        assertEquals("asked on the phone", steps.cellOf(row, "Reason").getText());
        assertTrue(browser.find(By.cssSelector(".notice-line")).getText().contains("+17065550377 added"));
        steps.screenshot("dnc-list", By.id("dnc-table"));

        HttpResponse<String> refused = stack.send("POST", "/calls", adminToken, "{\"to\":\"+17065550377\"}");
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("tenant do-not-call list"), refused.body());

        steps.type(By.id("dnc-number"), "+17065550377");
        browser.find(By.id("dnc-add")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice-line"), "on the list already"));

        steps.type(By.id("dnc-number"), "12ab");
        browser.find(By.id("dnc-add")).click();
        WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dnc-number ~ .field-error, .field-error:not([hidden])")));
        assertTrue(error.getText().contains("contains"), error.getText());

        steps.awaitFresh(driver -> browser.find(row).findElement(By.cssSelector("button.danger"))).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("#dnc-table .confirm-yes"))).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice-line"), "removed"));
        steps.awaitFresh(driver -> driver.findElements(row).isEmpty());
        assertEquals(404, stack.send("GET", "/tenant/dnc/%2B17065550377", adminToken, null).statusCode());
    }

    @Test
    void anImportedFileIsReportedLineByLineAndItsNumbersAreListed() throws Exception {
        Path csv = Files.createTempFile(state, "dnc", ".csv");
        Files.writeString(csv, String.join("\n", List.of("number,reason", "+17065550381,by email", "706-555-0382",
                "call me never", "+1706555038,short", "+17065550381")) + "\n");
        openPage();
        browser.find(By.id("dnc-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.find(By.id("dnc-import")).click();
        WebElement counts = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("dnc-report-counts")));
        assertEquals("5 lines read: 2 added, 1 already listed, 2 rejected.", counts.getText());
        List<String> lines = browser.driver().findElements(By.cssSelector("#dnc-rejects tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-line")).toList();
        assertEquals(List.of("4", "5"), lines);
        assertTrue(steps.cellOf(By.cssSelector("#dnc-rejects tr[data-line='4']"), "Why").getText().startsWith("the number"));
        steps.awaitFresh(driver -> !driver.findElements(ConsoleSteps.numberRow("dnc-table", "+17065550382")).isEmpty());
        steps.screenshot("dnc-import-report", By.id("dnc-report"));

        browser.size(375, 800);
        browser.go("/#/tenant/dnc");
        browser.await(ExpectedConditions.presenceOfElementLocated(LIST_READY));
        assertEquals(0, steps.sidewaysOverflow(), "the page fits a phone");
        steps.screenshot("dnc-narrow", By.id("dnc-add"));
    }
}
