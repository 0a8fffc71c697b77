package io.outcall.local;

import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi.yaml describes exactly the routes template.yaml deploys: a route added to one and not
 * the other fails here, naming it. (The functions' scenario tests check the bodies against it.)
 */
class OpenApiRoutesTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();

    @Test
    void everyDeployedRouteIsDocumentedAndEveryDocumentedRouteIsDeployed() throws IOException {
        Set<String> deployed = new TreeSet<>();
        for (HttpFront.Route route : HttpFront.routesOf(template, className -> null)) {
            deployed.add(route.routeKey());
        }
        Set<String> documented = documentedRoutes(template.file().resolveSibling("openapi.yaml"));
        assertTrue(deployed.size() >= 5, "the template deploys the HTTP routes: " + deployed);

        Set<String> undocumented = new TreeSet<>(deployed);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "template.yaml deploys these routes; describe them in openapi.yaml");
        Set<String> notDeployed = new TreeSet<>(documented);
        notDeployed.removeAll(deployed);
        assertEquals(Set.of(), notDeployed, "openapi.yaml describes these routes; template.yaml deploys no function for them");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedRoutes(Path openApi) throws IOException {
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(openApi)) {
            document = new Yaml().load(reader);
        }
        Set<String> routes = new TreeSet<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key))
                .forEach(method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return routes;
    }
}
