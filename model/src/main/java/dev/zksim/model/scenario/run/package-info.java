/** Runs scenarios against an engine, judges expectations, and reports the timeline as text and JSON. */
package dev.zksim.model.scenario.run;
