package dev.zksim.model.time;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One seed per run, split per component by name, so that adding randomness to one component never changes the
 * draws of another (the TigerBeetle simulator's rule). Immutable.
 */
public record Seeds(long seed) {

    /** A random source for {@code component}, a pure function of (seed, component). */
    public SplittableRandom forComponent(String component) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(seed ^ h);
    }
}
