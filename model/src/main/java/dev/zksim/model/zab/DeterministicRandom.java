package dev.zksim.model.zab;

/**
 * A copyable SplitMix64 generator: the prediction API copies the engine, and the copy must draw the same numbers.
 */
final class DeterministicRandom {
    private long state;

    DeterministicRandom(long seed) {
        this.state = seed;
    }

    DeterministicRandom copy() {
        return new DeterministicRandom(state);
    }

    int nextInt(int bound) {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Math.floorMod(z, (long) bound);
    }
}
