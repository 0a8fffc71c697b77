package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompts in the console, in headless Chromium against the local stack: a real WAV (44.1 kHz
 * stereo) chosen in the form goes to the API, then straight to the local S3 with its presigned URL
 * (through s3proxy's CORS and the console's CSP), is converted by the stack and shown ready; a call
 * placed from the form with it carries its name; non-audio bytes are shown rejected with the
 * reason; a prompt is deleted after asking again. Screenshots in target/screenshots/.
 */
class ConsolePromptBrowserTest extends ConsoleBrowserTestBase {

    /** Answers after 1 s of ringing, talks 3 s, hangs up. */
    private static final String ANSWERS = "+17065551235";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aWavUploadedInThePageBecomesReadyAndACallFromTheFormPlaysIt() throws Exception {
        Path wav = Files.createTempFile(state, "greeting", ".wav");
        Files.write(wav, tone(44_100f, 2, 1.5));
        steps.signIn("demo", "admin");
        browser.policyViolations();
        browser.go("/#/tenant/prompts");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("prompt-name")));

        // The file is needed: its error stands beside it, nothing is sent.
        steps.type(By.id("prompt-name"), "greeting");
        browser.find(By.id("prompt-upload")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("prompt-file-error"), "Choose the WAV file"));

        browser.find(By.id("prompt-file")).sendKeys(wav.toAbsolutePath().toString());
        browser.find(By.id("prompt-upload")).click();
        By row = By.cssSelector("#prompts-table tr[data-prompt='greeting'][data-state='ready']");
        steps.awaitFresh(ExpectedConditions.presenceOfElementLocated(row));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("prompt-notice"), "greeting is ready (1.50 s)"));
        assertEquals("1.50 s", steps.cellOf(row, "Duration").getText());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f KB", Files.size(wav) / 1024.0), steps.cellOf(row, "Size").getText(),
                "the size of the file uploaded");
        JsonNode prompt = api("GET", "/tenant/prompts/greeting");
        assertEquals("ready", prompt.path("state").asText(), prompt.toString());
        assertEquals(Files.size(wav), prompt.path("bytes").asLong());
        assertEquals(List.of(), browser.policyViolations(), "the PUT to the local S3 is allowed by the CSP");
        steps.screenshot("prompts-ready", row);

        // The call form offers the ready prompt; the call carries its name.
        browser.go("/#/calls/new");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#call-prompt option[value='greeting']")));
        steps.type(By.id("call-to"), ANSWERS);
        new Select(browser.find(By.id("call-prompt"))).selectByValue("greeting");
        browser.find(By.id("place-call")).click();
        browser.await(ExpectedConditions.urlMatches("#/calls/[0-9A-Z]{26}$"));
        String callId = browser.driver().getCurrentUrl().replaceAll(".*#/calls/", "");
        assertEquals("greeting", steps.call(callId).path("prompt").asText());
        browser.await(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//dl//dt[text()='Prompt']/following-sibling::dd[1][text()='greeting']")));
        steps.awaitFinal(callId);
        assertEquals("COMPLETED", steps.status(callId), "the bridge dialed it with the prompt's path");
    }

    @Test
    void nonAudioBytesAreShownRejectedWithTheirReasonAndAPromptIsDeletedAfterAsking() throws Exception {
        Path notAudio = Files.createTempFile(state, "notes", ".wav");
        Files.writeString(notAudio, "these are meeting notes, not a sound\n".repeat(40), StandardCharsets.UTF_8);
        steps.signIn("demo", "admin");
        browser.go("/#/tenant/prompts");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("prompt-name")));
        steps.type(By.id("prompt-name"), "notes");
        browser.find(By.id("prompt-file")).sendKeys(notAudio.toAbsolutePath().toString());
        browser.find(By.id("prompt-upload")).click();

        By rejected = By.cssSelector("#prompts-table tr[data-prompt='notes'][data-state='rejected']");
        steps.awaitFresh(ExpectedConditions.presenceOfElementLocated(rejected));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("prompt-notice"), "notes was rejected (not_audio)"));
        assertTrue(steps.cellOf(rejected, "State").getText().contains("not_audio"), steps.cellOf(rejected, "State").getText());
        assertEquals(api("GET", "/tenant/prompts/notes").path("detail").asText(),
                browser.find(rejected).findElement(By.cssSelector(".prompt-detail")).getText(), "the API's detail, word for word");
        steps.screenshot("prompts-rejected", rejected);

        // A bad name is refused by the API, its error beside the name.
        steps.type(By.id("prompt-name"), "Not/Allowed");
        browser.find(By.id("prompt-file")).sendKeys(notAudio.toAbsolutePath().toString());
        browser.find(By.id("prompt-upload")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("prompt-name-error")));

        // Delete, asked again in the page.
        steps.cellOf(rejected, "Actions").findElement(By.cssSelector(".prompt-delete")).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("#prompts-table tr[data-prompt='notes'] .confirm-yes"))).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("prompt-notice"), "notes is deleted"));
        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#prompts-table tr[data-prompt='notes']"), 0));
        assertEquals(404, stack.send("GET", "/tenant/prompts/notes", adminToken, null).statusCode());
    }

    private JsonNode api(String method, String path) throws IOException, InterruptedException {
        return json.readTree(stack.send(method, path, adminToken, null).body());
    }

    /** A 440 Hz tone as a 16-bit PCM WAV of this rate and channel count. */
    private static byte[] tone(float rate, int channels, double seconds) throws IOException {
        int frames = (int) (rate * seconds);
        ByteBuffer samples = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            for (int c = 0; c < channels; c++) {
                samples.putShort(value);
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        var out = new java.io.ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(samples.array()), format, frames),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
