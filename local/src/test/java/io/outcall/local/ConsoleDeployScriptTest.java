package io.outcall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/deploy-console on a dry run (nothing reaches AWS: it prints the commands it would run), fed
 * the outputs a deployed stack would have: the console configuration it writes, and how each file
 * would be uploaded.
 */
class ConsoleDeployScriptTest {

    private static final Map<String, String> OUTPUTS = new LinkedHashMap<>();

    static {
        OUTPUTS.put("ApiUrl", "https://abc123.execute-api.eu-west-1.amazonaws.com");
        OUTPUTS.put("ConsoleUrl", "https://d111111abcdef8.cloudfront.net");
        OUTPUTS.put("ConsoleBucketName", "outcall-dev-consolebucket-1a2b3c");
        OUTPUTS.put("ConsoleDistributionId", "E2EXAMPLE123");
        OUTPUTS.put("UserPoolId", "eu-west-1_AbCdEf");
        OUTPUTS.put("ConsoleClientId", "1example23456789");
        OUTPUTS.put("CognitoDomain", "https://outcall-dev-123456789012.auth.eu-west-1.amazoncognito.com");
        OUTPUTS.put("TokenIssuer", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf");
        OUTPUTS.put("TenantClaimName", "tenant_id");
        OUTPUTS.put("ScopeClaimName", "scope");
    }

    private final Path root = CloudFormationTemplate.findFromWorkingDirectory().file().toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void itWritesTheConsoleConfigurationFromTheStacksOutputs() throws Exception {
        Run run = deploy(OUTPUTS);
        assertEquals(0, run.exit(), run.output());
        String printed = run.output();
        JsonNode config = new ObjectMapper().readTree(printed.substring(printed.indexOf('{'), printed.indexOf("}\n") + 1));
        assertEquals("oidc", config.path("signIn").asText());
        assertEquals(OUTPUTS.get("TokenIssuer"), config.path("issuer").asText());
        assertEquals(OUTPUTS.get("ConsoleClientId"), config.path("clientId").asText());
        assertEquals(OUTPUTS.get("ApiUrl"), config.path("apiBase").asText());
        assertEquals("tenant_id", config.path("tenantClaim").asText());
        assertTrue(config.path("scopes").asText().startsWith("openid "), config.toString());
    }

    @Test
    void itUploadsEachFileWithItsTypeAndCacheHeadersThenInvalidates() throws Exception {
        String commands = deploy(OUTPUTS).output();
        String bucket = "s3://" + OUTPUTS.get("ConsoleBucketName") + "/";
        assertTrue(commands.contains("s3 sync " + dir.resolve("site") + " " + bucket
                + " --exclude \\* --include \\*.js --content-type text/javascript\\;\\ charset=utf-8"),
                "module scripts need a JavaScript type: " + commands);
        assertTrue(commands.contains("--include \\*.html --content-type text/html\\;\\ charset=utf-8 --cache-control no-cache"),
                "pages are checked again at every visit");
        assertTrue(commands.contains(bucket + "console-config.json --content-type application/json --cache-control no-cache"));
        assertTrue(commands.contains(bucket + "webjars/ --exclude \\*.html"), "the WebJars under /webjars");
        assertTrue(commands.contains("max-age=31536000\\,\\ immutable"), "versioned WebJars are cached for good");
        assertTrue(commands.contains(bucket + "docs --content-type text/html"), "/docs is the docs page");
        assertTrue(commands.contains("--delete"), "files a new version dropped are removed");
        assertTrue(commands.strip().lines().toList().getLast().contains(OUTPUTS.get("ConsoleUrl")));
        assertTrue(commands.contains("cloudfront create-invalidation --distribution-id E2EXAMPLE123 --paths /\\*"));
    }

    @Test
    void aStackWithoutTheConsoleOutputsIsNamed() throws Exception {
        Map<String, String> old = new LinkedHashMap<>(OUTPUTS);
        old.remove("ConsoleClientId");
        Run run = deploy(old);
        assertNotEquals(0, run.exit());
        assertTrue(run.output().contains("no output ConsoleClientId: deploy the current template.yaml first"), run.output());
    }

    @Test
    void anOutputThatWouldBreakTheJsonIsRefused() throws Exception {
        Map<String, String> odd = new LinkedHashMap<>(OUTPUTS);
        odd.put("ApiUrl", "https://x\",\"signIn\":\"local");
        Run run = deploy(odd);
        assertNotEquals(0, run.exit());
        assertTrue(run.output().contains("output ApiUrl has unexpected characters"), run.output());
    }

    private record Run(int exit, String output) {
    }

    private Run deploy(Map<String, String> outputs) throws IOException, InterruptedException {
        Path site = Files.createDirectories(dir.resolve("site/assets/js"));
        Files.writeString(dir.resolve("site/index.html"), "<!doctype html><title>outcall</title>");
        Files.writeString(site.resolve("app.js"), "export {};");
        Files.createDirectories(dir.resolve("site/docs"));
        Files.writeString(dir.resolve("site/docs/index.html"), "<!doctype html><title>API</title>");
        Files.createDirectories(dir.resolve("webjars/uplot/1.6.31"));
        Files.writeString(dir.resolve("webjars/uplot/1.6.31/uPlot.iife.min.js"), "/* uPlot */");
        List<String> lines = new ArrayList<>();
        outputs.forEach((key, value) -> lines.add(key + "\t" + value));
        Path file = Files.write(dir.resolve("outputs.tsv"), lines);
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/deploy-console", "--dry-run", "--stack", "outcall-test",
                "--site", dir.resolve("site").toString(), "--webjars", dir.resolve("webjars").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("DEPLOY_CONSOLE_OUTPUTS", file.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the dry run ends");
        return new Run(process.exitValue(), output);
    }
}
