/**
 * Versions and aliases (FC 3.0's releases): {@link dev.sluice.scheduler.release.ReleaseBook} publishes immutable
 * versions of deployed functions, keeps aliases and their weighted splits, resolves a call's qualifier to the version
 * that runs it, and keeps everything in the state directory ({@link dev.sluice.scheduler.release.ReleaseStore}) so
 * that a restarted gateway serves the same releases.
 */
@NullMarked
package dev.sluice.scheduler.release;

import org.jspecify.annotations.NullMarked;
