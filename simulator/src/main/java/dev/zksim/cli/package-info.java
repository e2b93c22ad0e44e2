/** The {@code zksim} command line: picocli commands over the model and the real backend. */
package dev.zksim.cli;
