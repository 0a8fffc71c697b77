package io.outcall.functions.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.core.intake.BatchCallIntake;
import io.outcall.core.intake.BatchItem;
import io.outcall.core.intake.InvalidCallRequestException;
import io.outcall.core.validation.JsonFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The array of a batch request ({@code calls} over HTTP, {@code steps} from a journey): each
 * element read as one call request. An element that is not a call (wrong types, unknown fields,
 * not an object) refuses only its own item; an array that is missing, empty or too long refuses
 * the batch, naming the field.
 */
final class BatchItemsJson {

    /** Builds an element's item once its call fields are read and its own fields checked. */
    interface ItemReader {
        BatchItem read(int index, JsonFields fields);
    }

    private BatchItemsJson() {
    }

    /**
     * The batch's array out of a body that holds nothing else: each element's own fields are
     * checked with it, so a bad element (a control character included) refuses only itself.
     */
    static JsonNode array(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            throw new InvalidCallRequestException("body", "must be a JSON object with the array '" + field + "'");
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(field)) {
                throw new InvalidCallRequestException(name, "is not a known field; expected only '" + field + "'");
            }
        }
        return body.get(field);
    }

    static List<BatchItem> read(JsonNode array, String field, Set<String> itemFields, ItemReader reader) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new InvalidCallRequestException(field, "is required: an array of 1 to " + BatchCallIntake.MAX_CALLS
                    + " calls");
        }
        if (array.size() > BatchCallIntake.MAX_CALLS) {
            throw new InvalidCallRequestException(field, "holds " + array.size() + " calls; at most "
                    + BatchCallIntake.MAX_CALLS + " are accepted in one batch: split it");
        }
        List<BatchItem> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                JsonFields fields = new JsonFields(array.get(i), InvalidCallRequestException::new);
                fields.onlyKnown(itemFields);
                BatchItem item = reader.read(i, fields);
                items.add(fields.violations().isEmpty() ? item
                        : new BatchItem(item.call(), item.idempotencyKey(), item.journey(), fields.violations()));
            } catch (InvalidCallRequestException notACall) {
                items.add(new BatchItem(null, null, null, notACall.violations()));
            }
        }
        return items;
    }
}
