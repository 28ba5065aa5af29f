/**
 * Hot reload for {@code sluice up}: watches the deployed file and every function's code, and deploys a new version
 * of just the functions a change touches ({@link dev.sluice.gateway.reload.Reloader}).
 */
@NullMarked
package dev.sluice.gateway.reload;

import org.jspecify.annotations.NullMarked;
