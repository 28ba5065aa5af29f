package dev.sluice.scheduler.api;

/** A call named a version or an alias of a function that has no such version or alias. */
public final class UnknownQualifierException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    private final boolean version;

    private UnknownQualifierException(String message, String function, boolean version) {
        super(message, function, null, null);
        this.version = version;
    }

    /** Returns the exception for a call of version {@code id} of {@code function}, which has no such version. */
    public static UnknownQualifierException version(String function, String id) {
        return new UnknownQualifierException(
                "function \"" + function + "\" has no version " + id + " (see sluice versions " + function
                        + "; versions come from sluice publish)",
                function,
                true);
    }

    /** Returns the exception for a call by alias {@code alias} of {@code function}, which has no such alias. */
    public static UnknownQualifierException alias(String function, String alias) {
        return new UnknownQualifierException(
                "function \"" + function + "\" has no alias \"" + alias + "\" (see sluice alias ls " + function
                        + "; qualifiers are LATEST, a version's number or an alias)",
                function,
                false);
    }

    @Override
    public FcError error() {
        return version ? FcError.VERSION_NOT_FOUND : FcError.ALIAS_NOT_FOUND;
    }
}
