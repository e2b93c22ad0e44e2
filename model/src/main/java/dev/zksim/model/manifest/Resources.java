package dev.zksim.model.manifest;

/**
 * Resource requests of a container, as the scheduler sums them.
 *
 * @param cpuMillis requested CPU in millicores (0.5 = 500)
 * @param memoryBytes requested memory in bytes (1Gi = 1073741824)
 */
public record Resources(long cpuMillis, long memoryBytes) {
    public static final Resources NONE = new Resources(0, 0);

    public Resources plus(Resources o) {
        return new Resources(cpuMillis + o.cpuMillis, memoryBytes + o.memoryBytes);
    }
}
