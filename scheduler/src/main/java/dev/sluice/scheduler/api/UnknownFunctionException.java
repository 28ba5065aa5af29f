package dev.sluice.scheduler.api;

/** No function with the requested name is deployed. */
public final class UnknownFunctionException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public UnknownFunctionException(String function) {
        super("function \"" + function + "\" is not deployed", function, null, null);
    }

    @Override
    public FcError error() {
        return FcError.FUNCTION_NOT_FOUND;
    }
}
