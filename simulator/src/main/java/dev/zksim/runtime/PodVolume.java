package dev.zksim.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PersistentVolume as a real directory: what a container sees under its mount path (the manifest's
 * {@code /var/lib/zookeeper}) lives under {@link #root()}, so {@code /var/lib/zookeeper/data/myid} is
 * {@code <root>/data/myid}. The directory outlives every container and pod that mounts it; it goes only with
 * {@link #delete()} (the PVC was deleted).
 *
 * @param volumeId the volume's identity ({@code pvc-<uid>}), stable for the life of the PVC
 * @param root the directory that holds the volume's content
 */
public record PodVolume(String volumeId, Path root) {

    /** The volume {@code volumeId} under {@code volumesDir}, created if missing. */
    public static PodVolume at(Path volumesDir, String volumeId) {
        if (!volumeId.matches("[A-Za-z0-9._-]+") || volumeId.startsWith(".")) {
            throw new IllegalArgumentException("not a usable volume id: " + volumeId);
        }
        Path root = volumesDir.resolve(volumeId);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume directory " + root, e);
        }
        return new PodVolume(volumeId, root);
    }

    /**
     * Where {@code containerPath} (absolute, inside the mount {@code mountPath}) lives on this volume.
     *
     * @throws IllegalArgumentException when the path is not under the mount, or climbs out of it
     */
    public Path hostPath(String mountPath, String containerPath) {
        String mount = mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
        if (!containerPath.equals(mount) && !containerPath.startsWith(mount + "/")) {
            throw new IllegalArgumentException(containerPath + " is not under mount " + mountPath);
        }
        Path p = root.resolve(containerPath.substring(mount.length()).replaceFirst("^/+", ""))
                .normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(containerPath + " leaves volume " + volumeId);
        }
        return p;
    }

    /** Whether {@code containerPath} lies inside the mount {@code mountPath}. */
    public static boolean isUnder(String mountPath, String containerPath) {
        String mount = mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
        return containerPath.equals(mount) || containerPath.startsWith(mount + "/");
    }

    /** Removes the volume's directory and everything in it. */
    public void delete() {
        FileTrees.deleteRecursively(root);
    }
}
