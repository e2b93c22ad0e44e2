package dev.zksim.model.scenario.run;

/**
 * A write of the scenario that the ensemble acknowledged.
 *
 * @param timeMs engine time the acknowledgement came back
 * @param step the step's number
 * @param op {@code create}, {@code set} or {@code delete}
 * @param zxid the transaction id it was committed with
 * @param servedBy the pod whose server the client talked to
 */
public record AckedWriteFact(long timeMs, int step, String op, String path, long zxid, String servedBy) {}
