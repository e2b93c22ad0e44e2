package dev.zksim.model.scenario.engine;

/**
 * The cluster refused an action, as the API server or kubectl would ({@code Error from server (NotFound): pods "zk-9"
 * not found}). The runner reports the step as failed with this message; it is not a bug in zksim.
 */
public class EngineRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineRejection(String message) {
        super(message);
    }
}
