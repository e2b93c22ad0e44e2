package dev.zksim.model.k8s;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which container images the cluster's nodes can pull. By default every image pulls; a scenario that lists its
 * pullable images ({@code cluster.pullableImages}, docs/scenarios.md) makes every other image fail to pull, as a
 * typo in a tag or a private registry without credentials does: the kubelet reports {@code ErrImagePull}, then
 * {@code ImagePullBackOff}, and retries with its image back-off.
 *
 * @param pullable the images that pull (exact references, e.g.
 *     {@code registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10}); empty: all of them
 */
public record ImageRegistry(Optional<SortedSet<String>> pullable) {
    /** Every image pulls. */
    public static final ImageRegistry ANY = new ImageRegistry(Optional.empty());

    public ImageRegistry {
        pullable = pullable.map(s -> Collections.unmodifiableSortedSet(new TreeSet<>(s)));
    }

    /** Only these images pull. */
    public static ImageRegistry only(java.util.Collection<String> images) {
        return new ImageRegistry(Optional.of(new TreeSet<>(images)));
    }

    /** Whether a node can pull {@code image}. */
    public boolean canPull(String image) {
        return pullable.map(s -> s.contains(image)).orElse(true);
    }
}
