/** Timer triggers: each deployed function's schedules, fired as FC's timer event through the gateway's invoke API. */
@NullMarked
package dev.sluice.gateway.timer;

import org.jspecify.annotations.NullMarked;
