package io.outcall.core.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size DynamoDB counts for an item (what a write is billed by, 1 WRU per KB, and what its 400 KB
 * limit applies to): attribute names and values in UTF-8, numbers about one byte per two significant
 * digits plus one, 1 byte for a boolean or null, 3 bytes plus 1 per element for a map or list.
 */
public final class ItemSize {

    private ItemSize() {
    }

    public static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    static int of(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> numberSize(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case M -> 3 + value.m().size() + of(value.m());
            case L -> 3 + value.l().size() + value.l().stream().mapToInt(ItemSize::of).sum();
            case SS -> value.ss().stream().mapToInt(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToInt(ItemSize::numberSize).sum();
            case BS -> value.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute value of no known type: " + value);
        };
    }

    private static int numberSize(String number) {
        String digits = new BigDecimal(number).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
