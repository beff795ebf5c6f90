package dev.zmq4j.fuzz;

import dev.zmq4j.protocol.FrameDecoder;
import java.lang.reflect.Field;

/**
 * How many bytes a {@link FrameDecoder} holds for a body it is still assembling, beyond its fixed scratch array. The
 * decoder does not expose this (nothing in production needs it), so the fuzz targets read its private field: the
 * point is to check the memory bound from outside, not to trust the decoder's own arithmetic.
 */
final class DecoderMemory {
    private static final Field BODY = field("body");
    private static final Field SCRATCH = field("scratch");

    private DecoderMemory() {}

    /** Bytes held in an array of the decoder's own for a large body; 0 while none is (or the scratch is used). */
    static int heldBeyondScratch(FrameDecoder decoder) {
        try {
            byte[] body = (byte[]) BODY.get(decoder);
            return body == null || body == SCRATCH.get(decoder) ? 0 : body.length;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(String name) {
        try {
            Field field = FrameDecoder.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("FrameDecoder has no field " + name + ": update DecoderMemory", e);
        }
    }
}
