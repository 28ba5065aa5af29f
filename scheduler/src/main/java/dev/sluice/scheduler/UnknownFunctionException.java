package dev.sluice.scheduler;

/** No function with the requested name is deployed. */
public final class UnknownFunctionException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public UnknownFunctionException(String function) {
        super("function \"" + function + "\" is not deployed", function, null, null);
    }

    @Override
    public String errorType() {
        return "FunctionNotFound";
    }
}
