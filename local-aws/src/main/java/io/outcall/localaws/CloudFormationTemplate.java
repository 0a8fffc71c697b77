package io.outcall.localaws;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * template.yaml read as plain data, so local stand-ins are built from the same definitions that
 * deploy to AWS and the two cannot drift apart.
 *
 * <p>CloudFormation short forms ({@code !Ref X}, {@code !GetAtt X.Arn}, ...) become one-entry maps
 * in their long form ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": "X.Arn"}}).
 */
public final class CloudFormationTemplate {

    private final Path file;
    private final Map<String, Object> root;

    private CloudFormationTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static CloudFormationTemplate read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new IntrinsicFunctions()).load(reader);
            return new CloudFormationTemplate(file, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Finds template.yaml in the working directory or the nearest parent that has one. */
    public static CloudFormationTemplate findFromWorkingDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        throw new IllegalStateException("no template.yaml in " + dir + " or any parent folder");
    }

    public Path file() {
        return file;
    }

    public Map<String, Object> root() {
        return root;
    }

    /** Logical id to properties of every resource of the given type, in template order. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        Map<String, Object> resources = (Map<String, Object>) root.getOrDefault("Resources", Map.of());
        resources.forEach((logicalId, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            if (type.equals(resource.get("Type"))) {
                found.put(logicalId, (Map<String, Object>) resource.getOrDefault("Properties", Map.of()));
            }
        });
        return found;
    }

    private static final class IntrinsicFunctions extends SafeConstructor {
        IntrinsicFunctions() {
            super(new LoaderOptions());
            for (String name : new String[] {"Ref", "GetAtt", "Sub", "Join", "If", "Equals", "Not", "And", "Or",
                    "Select", "Split", "FindInMap", "ImportValue", "Base64", "GetAZs", "Condition", "Cidr"}) {
                String longForm = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                yamlConstructors.put(new org.yaml.snakeyaml.nodes.Tag("!" + name), new LongForm(longForm));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
