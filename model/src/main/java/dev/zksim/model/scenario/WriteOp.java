package dev.zksim.model.scenario;

/** The znode operations a {@code write} step can make (zkCli's create, set, delete). */
public enum WriteOp {
    CREATE("create"),
    SET("set"),
    DELETE("delete");

    private final String yamlName;

    WriteOp(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
