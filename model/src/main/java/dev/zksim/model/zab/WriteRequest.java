package dev.zksim.model.zab;

/** A client write: what {@code zkCli.sh create|set|delete} sends. */
public sealed interface WriteRequest {

    /** The znode the write targets. */
    String path();

    /** {@code create /path value}: fails with NodeExists when the znode exists, NoNode without its parent. */
    record Create(String path, String value) implements WriteRequest {}

    /** {@code set /path value}: fails with NoNode when the znode does not exist. */
    record SetData(String path, String value) implements WriteRequest {}

    /** {@code delete /path}: fails with NoNode when absent, NotEmpty with children. */
    record Delete(String path) implements WriteRequest {}

    /** {@code create /hello world}, for timelines. */
    default String describe() {
        if (this instanceof Create c) {
            return "create " + c.path() + " " + c.value();
        } else if (this instanceof SetData s) {
            return "set " + s.path() + " " + s.value();
        } else {
            return "delete " + path();
        }
    }
}
