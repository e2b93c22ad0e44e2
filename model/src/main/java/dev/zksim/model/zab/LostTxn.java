package dev.zksim.model.zab;

/**
 * An acknowledged write that a later established leader does not have: it is gone from the ensemble's history.
 *
 * @param message {@code acknowledged write /hello@0x100000002 lost: ...}
 */
public record LostTxn(AckedTxn write, long detectedMs, String leaderPod, long leaderEpoch, String message) {}
