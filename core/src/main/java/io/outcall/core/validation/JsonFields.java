package io.outcall.core.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed fields out of a JSON object and records a {@link Violation} for each one of the
 * wrong type, instead of stopping at the first. Also the one place that refuses control
 * characters anywhere in a request: CR or LF in a value sent to Asterisk would inject AMI headers.
 */
public final class JsonFields {

    private final JsonNode object;
    private final String prefix;
    private final List<Violation> violations;

    /**
     * @param notAnObject the caller's own exception for input that is not an object at all (an intake
     *                    and a query refuse it differently), given the one violation on {@code body}
     */
    public JsonFields(JsonNode object, Function<List<Violation>, ? extends RuntimeException> notAnObject) {
        if (object == null || !object.isObject()) {
            throw notAnObject.apply(List.of(new Violation("body", "must be a JSON object")));
        }
        this.object = object;
        this.prefix = "";
        this.violations = new ArrayList<>();
        rejectControlCharacters(object, "");
    }

    /** A nested object whose control characters the outer one has already refused. */
    private JsonFields(JsonNode object, String prefix, List<Violation> violations) {
        this.object = object;
        this.prefix = prefix;
        this.violations = violations;
    }

    public List<Violation> violations() {
        return violations;
    }

    public void reject(String field, String message) {
        violations.add(new Violation(prefix + field, message));
    }

    /** Records a violation for every field not in {@code known}, so a typo ("form") is not silently ignored. */
    public void onlyKnown(Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                reject(name, "is not a known field; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    public String string(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            reject(field, "must be a string");
            return null;
        }
        return node.textValue();
    }

    public Integer integer(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            reject(field, "must be a whole number");
            return null;
        }
        return node.intValue();
    }

    public Boolean bool(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            reject(field, "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    /** A list of strings; null when absent. */
    public List<String> stringList(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            reject(field, "must be a list of strings");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) {
                values.add(node.get(i).textValue());
            } else {
                reject(field + "[" + i + "]", "must be a string");
            }
        }
        return values;
    }

    /**
     * The fields of a nested object, their violations named {@code field.name} and gathered here;
     * null when absent or not an object (then recorded).
     */
    public JsonFields object(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            reject(field, "must be an object");
            return null;
        }
        return new JsonFields(node, prefix + field + ".", violations);
    }

    /**
     * The objects of a list, each one's violations named {@code field[i].name}; null when absent,
     * an empty list when it is not a list of objects (then recorded).
     */
    public List<JsonFields> objectList(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            reject(field, "must be a list of objects");
            return List.of();
        }
        List<JsonFields> objects = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isObject()) {
                objects.add(new JsonFields(node.get(i), prefix + field + "[" + i + "].", violations));
            } else {
                reject(field + "[" + i + "]", "must be an object");
            }
        }
        return objects;
    }

    /** An object whose values are all strings; insertion order kept. */
    public Map<String, String> stringMap(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            reject(field, "must be an object of string values");
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                values.put(e.getKey(), e.getValue().textValue());
            } else {
                reject(field + "." + e.getKey(), "must be a string");
            }
        });
        return values;
    }

    private void rejectControlCharacters(JsonNode node, String path) {
        if (node.isTextual()) {
            int bad = firstControlCharacter(node.textValue());
            if (bad >= 0) {
                reject(path, "contains a control character (code " + bad + "); CR, LF, NUL and other control"
                        + " characters are not allowed in any field");
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                int bad = firstControlCharacter(e.getKey());
                if (bad >= 0) {
                    reject(path.isEmpty() ? "body" : path, "has a field name with a control character (code " + bad + ")");
                }
                rejectControlCharacters(e.getValue(), child);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectControlCharacters(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** @return the code of the first control or line-separator character, or -1 */
    public static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return c;
            }
        }
        return -1;
    }
}
