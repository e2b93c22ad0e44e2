package dev.zksim.model.manifest;

import java.util.List;
import java.util.Map;

/**
 * A Service of the manifest.
 *
 * @param headless {@code clusterIP: None}
 * @param selector the Service's selector ({@code spec.selector}, equality only)
 * @param publishNotReadyAddresses whether DNS publishes pods that are not Ready
 * @param documentIndex which YAML document (0-based) it came from, for locating findings
 */
public record ServiceSpec(
        String name,
        boolean headless,
        Map<String, String> selector,
        List<ServicePort> ports,
        boolean publishNotReadyAddresses,
        int documentIndex) {
    public ServiceSpec {
        selector = Map.copyOf(selector);
        ports = List.copyOf(ports);
    }

    /** One Service port; {@code targetPort} is the number it forwards to, or the name it resolves to. */
    public record ServicePort(String name, int port, String targetPort) {}
}
