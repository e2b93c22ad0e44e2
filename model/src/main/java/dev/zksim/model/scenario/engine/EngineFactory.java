package dev.zksim.model.scenario.engine;

/**
 * Makes engines of one kind ({@code zksim run --engine NAME}). The CLI keeps a registry of factories by name; the
 * model engine is one, the real engine (in the simulator module) another.
 */
public interface EngineFactory {

    /** The {@code --engine} value: {@code model}, {@code real}. */
    String name();

    /**
     * A fresh engine: the nodes exist, nothing else. Throws {@link dev.zksim.model.InvalidInputException} when this
     * engine cannot run here (not built in, missing resources).
     */
    Engine create(EngineSetup setup);
}
