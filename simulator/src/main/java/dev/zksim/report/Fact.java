package dev.zksim.report;

/**
 * A measured number, printed as it is: {@code election time (ZooKeeper)} → {@code 212 ms}.
 *
 * @param name what was measured
 * @param value the value with its unit
 */
public record Fact(String name, String value) {
    public Fact {
        Checks.nonBlank(name, "name");
        Checks.text(value, "value");
    }
}
