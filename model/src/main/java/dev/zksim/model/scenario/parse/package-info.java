/** Reads scenario files into {@link dev.zksim.model.scenario.Scenario}s, with file:line:field errors for bad input. */
package dev.zksim.model.scenario.parse;
