/** Settings of the Sluice platform itself, as opposed to the functions it runs. */
package dev.sluice.config.platform;
