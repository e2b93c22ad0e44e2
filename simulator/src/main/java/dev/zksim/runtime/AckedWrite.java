package dev.zksim.runtime;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A write the ensemble acknowledged to a real ZooKeeper client: the history every later read is checked against
 * (an acknowledged write must never be lost). It is recorded when the client library receives the acknowledgement,
 * even if the operation's caller had given up waiting by then: ZooKeeper has promised it either way.
 *
 * @param sequence order of acknowledgement within the simulation, from 0
 * @param op {@code create}, {@code set} or {@code delete}
 * @param value the value written (empty for a delete)
 * @param zxid the transaction id ZooKeeper assigned ({@code Stat.getMzxid()} of create2/setData); empty for a delete,
 *     whose reply carries no Stat
 * @param target where the client was pointed
 * @param server the pod whose server the client's session was connected to
 * @param ackedEpochMs wall-clock time of the acknowledgement
 * @param latencyMs from the start of the attempt (session set-up included) to the acknowledgement
 */
public record AckedWrite(
        long sequence,
        String op,
        String path,
        Optional<String> value,
        OptionalLong zxid,
        String target,
        String server,
        long ackedEpochMs,
        long latencyMs) {}
