package dev.zksim.model.zab;

/**
 * A server started on a different volume than its ordinal had before: the PVC was deleted and recreated, everything
 * on the old volume is gone.
 *
 * @param safe whether, at that moment, every acknowledged write and the newest epoch were still on enough other
 *     volumes to meet every quorum; when false, later loss of acknowledged writes is possible (and gets reported)
 * @param detail why it is unsafe, or {@code ""}
 */
public record VolumeReplaced(
        String pod, int sid, String oldVolumeId, String newVolumeId, long atMs, boolean safe, String detail) {}
