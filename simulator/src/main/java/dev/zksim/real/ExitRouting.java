package dev.zksim.real;

import java.util.function.Consumer;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * ZooKeeper's exit procedure for in-process servers. ZooKeeper calls {@code ServiceUtils.requestSystemExit(code)} when
 * a server cannot go on (election port not bindable: 14, unmatched commit: 12, the main loop ended: 0, ...); by default
 * that is {@code System.exit}, which would end the whole simulation. zksim installs this procedure instead: it logs
 * like {@link ServiceUtils#LOG_ONLY} and, when the caller runs in a container's {@link ThreadScope}, tells that
 * container that its process would have exited with {@code code}, so it stops and reports the exit like a crashed
 * container.
 *
 * <p>Why it is global: the procedure is a static of ServiceUtils, one per JVM. It is installed again before every
 * container start, so a procedure set by other code in between (a test's embedded server) is replaced.
 */
final class ExitRouting {
    private static final Consumer<Integer> PROCEDURE = ExitRouting::exit;

    private ExitRouting() {}

    static void install() {
        ServiceUtils.setSystemExitProcedure(PROCEDURE);
    }

    private static void exit(Integer code) {
        ServiceUtils.LOG_ONLY.accept(code);
        ThreadScope.current().ifPresent(s -> s.exitRequested(code));
    }
}
