package dev.zksim.model.scenario;

/**
 * The four-letter words an {@code exec} step can send (zookeeperAdmin.html#sc_4lw); zksim whitelists exactly these per
 * pod (ZooKeeper 3.5+ allows only {@code srvr} unless {@code 4lw.commands.whitelist} says more).
 */
public enum FourLetterWord {
    SRVR,
    RUOK,
    STAT,
    MNTR,
    CONF,
    ENVI;

    /** The word as sent: {@code srvr}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
