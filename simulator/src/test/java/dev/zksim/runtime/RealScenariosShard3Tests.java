package dev.zksim.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Shard 3 of {@link RealScenariosBase}: the shipped scenarios with index % {@value RealScenariosBase#SHARDS} == 3. */
class RealScenariosShard3Tests extends RealScenariosBase {
    static Stream<Path> shard() throws IOException {
        return scenarios(3);
    }
}
