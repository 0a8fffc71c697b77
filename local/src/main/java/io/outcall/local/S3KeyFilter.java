package io.outcall.local;

import java.util.List;
import java.util.Map;

/**
 * The key filter of an S3 event in template.yaml
 * ({@code Filter: {S3Key: {Rules: [{Name: prefix, Value: uploads/}, {Name: suffix, Value: .wav}]}}}),
 * "" where a rule is absent.
 */
record S3KeyFilter(String prefix, String suffix) {

    static final S3KeyFilter NONE = new S3KeyFilter("", "");

    @SuppressWarnings("unchecked")
    static S3KeyFilter of(Map<String, Object> s3Event) {
        String prefix = "";
        String suffix = "";
        if (s3Event.get("Filter") instanceof Map<?, ?> filter && filter.get("S3Key") instanceof Map<?, ?> key
                && key.get("Rules") instanceof List<?> rules) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) rules) {
                String name = String.valueOf(rule.get("Name")).toLowerCase(java.util.Locale.ROOT);
                String value = String.valueOf(rule.get("Value"));
                switch (name) {
                    case "prefix" -> prefix = value;
                    case "suffix" -> suffix = value;
                    default -> throw new IllegalStateException("an S3 key filter rule is prefix or suffix, not " + name);
                }
            }
        }
        return new S3KeyFilter(prefix, suffix);
    }
}
