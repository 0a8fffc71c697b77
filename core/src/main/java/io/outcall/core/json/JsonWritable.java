package io.outcall.core.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Something that writes itself as one JSON value, for {@link Json#write}. */
@FunctionalInterface
public interface JsonWritable {

    void writeTo(JsonGenerator generator) throws IOException;
}
