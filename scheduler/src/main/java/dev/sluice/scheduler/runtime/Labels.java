package dev.sluice.scheduler.runtime;

/**
 * The Docker labels Sluice puts on everything it creates. Containers are found and removed by these labels only,
 * never by name patterns, so Sluice never touches containers it did not start.
 */
public final class Labels {
    /** Present ({@code true}) on every container Sluice creates. */
    public static final String MANAGED = "sluice.managed";
    /** The function an instance container serves. */
    public static final String FUNCTION = "sluice.function";
    /** The gateway process (one run) that created the container. */
    public static final String SESSION = "sluice.session";
    /**
     * The state directory the creating gateway used. At most one gateway runs per state directory, so at startup
     * every container with this directory's label is a leftover of a run that died.
     */
    public static final String HOME = "sluice.home";
    /** Sluice's own id of the instance, also used in logs and the management API. */
    public static final String INSTANCE = "sluice.instance";
    /** Present ({@code true}) on a stem cell: a runtime started with no function yet. */
    public static final String STEM_CELL = "sluice.stem-cell";

    /** The service a backing-service container runs. */
    public static final String SERVICE = "sluice.service";

    private Labels() {}
}
