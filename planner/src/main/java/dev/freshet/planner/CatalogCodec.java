package dev.freshet.planner;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The persistent form of catalog objects: JSON, so that a data directory can be inspected and a
 * newer Freshet can read what an older one wrote (unknown fields are ignored, missing ones take
 * their defaults).
 */
public final class CatalogCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CatalogCodec() {
    }

    public static byte[] encode(CatalogObject object) {
        try {
            return MAPPER.writerFor(CatalogObject.class).writeValueAsBytes(object);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode catalog object " + object.name(), e);
        }
    }

    /**
     * Decodes an object written by {@link #encode}.
     *
     * @throws IllegalArgumentException when the bytes are not a catalog object
     */
    public static CatalogObject decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, CatalogObject.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt catalog entry: " + e.getMessage(), e);
        }
    }
}
