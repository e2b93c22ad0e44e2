package dev.zksim.model.scenario.engine;

/**
 * An acknowledged write the ensemble no longer has.
 *
 * @param detail how it was lost ("acknowledged write /hello@0x100000002 lost: 2 of 3 PVCs deleted")
 */
public record LostWrite(String path, String value, long zxid, String detail) {}
