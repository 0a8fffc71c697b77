package io.outcall.local;

import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `sam build && sam deploy`, exactly as the README gives them, works from a clean clone: every
 * function is built by SAM through the Makefile (Metadata BuildMethod makefile, CodeUri the
 * repository root), and the Makefile's rule builds the very jar Maven's shade plugin writes and
 * hands it to SAM. Nothing here runs SAM (it is not installed where the tests run); it holds the
 * four files that must agree together.
 */
class SamBuildTest {

    private static final String JAR = "functions/target/functions.jar";

    private final CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();
    private final Path root = template.file().toAbsolutePath().getParent();

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionIsBuiltBySamThroughTheMakefile() throws IOException {
        Map<String, Object> resources = (Map<String, Object>) template.root().get("Resources");
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) template.root().get("Globals")).get("Function");
        int functions = 0;
        for (Map.Entry<String, Object> entry : resources.entrySet()) {
            Map<String, Object> resource = (Map<String, Object>) entry.getValue();
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            functions++;
            Map<String, Object> properties = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
            Object codeUri = properties.getOrDefault("CodeUri", globals.get("CodeUri"));
            assertEquals(".", codeUri, entry.getKey() + ": CodeUri must be the repository root, where the Makefile is"
                    + " (a jar path exists only after a Maven build: sam build would fail on a clean clone)");
            Object metadata = resource.get("Metadata");
            assertTrue(metadata instanceof Map<?, ?> m && "makefile".equals(m.get("BuildMethod")),
                    entry.getKey() + ": add 'Metadata: {BuildMethod: makefile}' so sam build runs the Makefile's build-"
                            + entry.getKey());
            assertMakeBuilds(entry.getKey());
        }
        assertTrue(functions >= 7, "the template defines the functions");
    }

    @Test
    void theMakefileHandsSamTheJarMavenBuilds() throws IOException {
        String makefile = Files.readString(root.resolve("Makefile"));
        assertTrue(makefile.contains("./mvnw") && makefile.contains("-pl functions -am package"),
                "the Makefile builds the functions module (and what it depends on) with the Maven wrapper");
        assertTrue(makefile.contains(". bin/select-jdk"), "the Makefile selects a JDK 21+ before Maven runs");
        assertTrue(makefile.contains("cp " + JAR + " \"$(ARTIFACTS_DIR)/lib/\""),
                "the Makefile copies " + JAR + " into SAM's ARTIFACTS_DIR/lib");
        String pom = Files.readString(root.resolve("functions/pom.xml"));
        assertTrue(pom.contains("<outputFile>${project.build.directory}/functions.jar</outputFile>"),
                "functions/pom.xml's shade plugin writes " + JAR + ", which the Makefile copies");
    }

    @Test
    void theReadmeDeploysWithSamBuildAndDeployAlone() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        String deploying = readme.substring(readme.indexOf("## Deploying"), readme.indexOf("\n## ", readme.indexOf("## Deploying") + 3));
        assertTrue(deploying.contains("sam build && sam deploy"), "the README's deploy command is sam build && sam deploy");
        assertTrue(deploying.contains("Makefile"), "the README says what sam build runs (the Makefile)");
    }

    /** make resolves build-<function> to the rule above, as SAM will call it (a dry run: nothing is built). */
    private void assertMakeBuilds(String function) throws IOException {
        Process make;
        try {
            make = new ProcessBuilder("make", "-n", "build-" + function, "ARTIFACTS_DIR=/sam/artifacts")
                    .directory(root.toFile()).redirectErrorStream(true).start();
        } catch (IOException noMake) {
            // Without make the Makefile is checked by reading it (above); CI installs make, so there it must run.
            assertFalse("true".equals(System.getenv("CI")), "make is not installed; .ci/run installs it (apt-get install make)");
            return;
        }
        try {
            String plan = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(make.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, make.exitValue(), "make has no rule for build-" + function + ": " + plan);
            assertTrue(plan.contains("cp " + JAR + " \"/sam/artifacts/lib/\""), plan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for make", e);
        }
    }
}
