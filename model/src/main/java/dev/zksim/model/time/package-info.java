/**
 * Time and randomness for the model: a virtual clock with a bounded, deterministic event queue, and a
 * seeded random source split per component. Nothing here reads the wall clock.
 */
package dev.zksim.model.time;
