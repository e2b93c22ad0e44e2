package dev.zksim.model.scenario.engine;

import java.util.function.Function;

/**
 * Makes engines of one kind ({@code zksim run --engine NAME}). The CLI keeps a registry of factories by name; the
 * model engine is one, the real engine (in the simulator module) another.
 */
public interface EngineFactory {

    /** The {@code --engine} value: {@code model}, {@code real}. */
    String name();

    /**
     * A fresh engine: the nodes exist, nothing else. Throws {@link dev.zksim.model.InvalidInputException} when this
     * engine cannot run here (e.g. the real engine in a JVM whose name resolution is not zksim's).
     */
    Engine create(EngineSetup setup);

    /** The factory named {@code name} that makes its engines with {@code create}. */
    static EngineFactory of(String name, Function<EngineSetup, ? extends Engine> create) {
        return new EngineFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Engine create(EngineSetup setup) {
                return create.apply(setup);
            }
        };
    }
}
