/**
 * The function model ({@link dev.sluice.config.function.FunctionSpec}) and the {@code functions.yml} document that
 * declares it ({@link dev.sluice.config.function.FunctionsDocument}), with its parsing and validation.
 *
 * <p>Ranges and defaults follow Alibaba Function Compute; {@code docs/functions-yml.md} is the user's reference.
 */
package dev.sluice.config.function;
