/**
 * Scenarios: the YAML format's typed form (a {@link dev.zksim.model.scenario.Scenario} of sealed
 * {@link dev.zksim.model.scenario.Step} records) that drives any engine through actions, waits and expectations.
 */
package dev.zksim.model.scenario;
