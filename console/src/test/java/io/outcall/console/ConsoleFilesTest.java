package io.outcall.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The console's files keep the rules its Content-Security-Policy and its XSS safety rest on: no
 * inline script or style in a page, no markup built from strings in a script, nothing loaded from
 * another origin, and every module import pointing at a file that exists.
 */
class ConsoleFilesTest {

    private static final Path SITE = Path.of("src/main/resources/META-INF/resources/console");
    private static final Pattern IMPORT = Pattern.compile("(?:import\\s[^;]*?from\\s*|import\\()\\s*'([^']+)'");

    private static List<Path> files(String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(SITE)) {
            return walk.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        }
    }

    @Test
    void pagesHaveNoInlineScriptOrStyle() throws IOException {
        List<Path> pages = files(".html");
        assertEquals(2, pages.size(), "index.html and docs/index.html: " + pages);
        for (Path page : pages) {
            String html = Files.readString(page);
            assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(html).find(), page + " has an inline script");
            assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), page + " has an event attribute");
            assertFalse(html.contains("<style") || html.contains(" style="), page + " has inline style");
            assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), page + " loads from another origin");
        }
    }

    @Test
    void scriptsNeverWriteMarkupFromStrings() throws IOException {
        for (Path script : files(".js")) {
            String code = Files.readString(script);
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
                assertFalse(code.contains(sink), script + " uses " + sink);
            }
            // The SVG namespace and RFC 2606's example.com (a placeholder) name no origin anything is loaded from.
            assertFalse(Pattern.compile("['\"`]https?://(?!www\\.w3\\.org/2000/svg|example\\.com/)").matcher(code).find(),
                    script + " names another origin");
        }
    }

    @Test
    void everyModuleImportResolves() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path script : files(".js")) {
            Matcher m = IMPORT.matcher(Files.readString(script));
            while (m.find()) {
                Path target = script.getParent().resolve(m.group(1)).normalize();
                if (!Files.isRegularFile(target)) {
                    missing.add(script + " imports " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
