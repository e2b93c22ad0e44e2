/**
 * The self-contained HTML run report ({@code zksim run SCENARIO --report DIR}): plain records describing a finished
 * run ({@link dev.zksim.report.ReportData}) and {@link dev.zksim.report.HtmlReport}, which draws them as one page
 * with an SVG timeline, the same for the model engine (virtual time) and the real engine (wall time);
 * {@link dev.zksim.report.LaneRecorder} and {@link dev.zksim.report.IntervalRecorder} turn a run's changes into lanes
 * and intervals.
 */
package dev.zksim.report;
