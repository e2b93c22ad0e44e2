package dev.zksim.model.zab;

/** An event {@code offsetMs} after the moment a prediction starts. */
public record TimedEvent(long offsetMs, ModelEvent event) {
    public TimedEvent {
        if (offsetMs < 0) {
            throw new IllegalArgumentException("offsetMs must not be negative, got " + offsetMs);
        }
    }
}
