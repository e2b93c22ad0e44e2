package dev.zksim.report;

import java.util.List;

/**
 * The colour of each pod status on the timeline (the same in every report, so two reports compare at a glance):
 * waiting states warm and pale, Running blue, Ready green, failures red, and any status not listed a neutral sand.
 *
 * @param fill the bar's colour
 * @param ink the colour of text drawn on the bar
 * @param cssClass the class of the bar ({@code st-ready}), for the legend and for styling
 */
record StatusStyle(String fill, String ink, String cssClass) {
    /** Statuses with their own colour, in the order the legend lists them (the order a pod goes through them). */
    static final List<String> KNOWN = List.of(
            "Pending", "ContainerCreating", "Running", "Ready", "Terminating", "CrashLoopBackOff", "Error", "Unknown");

    static final StatusStyle OTHER = new StatusStyle("#cdbf9f", "#1f2328", "st-other");

    static StatusStyle of(String status) {
        return switch (status) {
            case "Pending" -> new StatusStyle("#f2c94c", "#1f2328", "st-pending");
            case "ContainerCreating" -> new StatusStyle("#a8d0f0", "#1f2328", "st-creating");
            case "Running" -> new StatusStyle("#4f8fd6", "#ffffff", "st-running");
            case "Ready" -> new StatusStyle("#2f9e5b", "#ffffff", "st-ready");
            case "Terminating" -> new StatusStyle("#a98fcf", "#1f2328", "st-terminating");
            case "CrashLoopBackOff" -> new StatusStyle("#e5534b", "#ffffff", "st-crashloop");
            case "Error" -> new StatusStyle("#9e1c1c", "#ffffff", "st-error");
            case "Unknown" -> new StatusStyle("#9aa1a9", "#1f2328", "st-unknown");
            default -> OTHER;
        };
    }

    /** Colours for the leader lane, one per leading pod; none is the green of Ready or the red of a failure. */
    static final List<StatusStyle> LEADER_PALETTE = List.of(
            new StatusStyle("#3b6ea8", "#ffffff", "ld-0"),
            new StatusStyle("#e8892b", "#1f2328", "ld-1"),
            new StatusStyle("#8d5fa8", "#ffffff", "ld-2"),
            new StatusStyle("#3a9ca0", "#ffffff", "ld-3"),
            new StatusStyle("#c9a227", "#1f2328", "ld-4"),
            new StatusStyle("#8a6446", "#ffffff", "ld-5"),
            new StatusStyle("#d46f9b", "#1f2328", "ld-6"),
            new StatusStyle("#5f6b77", "#ffffff", "ld-7"));
}
