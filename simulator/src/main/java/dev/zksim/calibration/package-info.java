/**
 * {@code zksim calibrate}: measures, from real runs of the real engine, the durations the Zab model assumes
 * ({@link dev.zksim.model.zab.TimingProfile}), and reads and writes them as a timing profile file that
 * {@code zksim run --timing-profile} gives the model engine (docs/model.md, "Calibration").
 */
package dev.zksim.calibration;
