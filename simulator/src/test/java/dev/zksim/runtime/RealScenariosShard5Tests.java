package dev.zksim.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Shard 5 of {@link RealScenariosBase}: the shipped scenarios with index % {@value RealScenariosBase#SHARDS} == 5. */
class RealScenariosShard5Tests extends RealScenariosBase {
    static Stream<Path> shard() throws IOException {
        return scenarios(5);
    }
}
