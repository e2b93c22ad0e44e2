/**
 * {@code zksim lint}: static checks of an {@link dev.zksim.model.manifest.EnsembleSpec} that a
 * ZooKeeper-on-Kubernetes expert would make, each a {@link dev.zksim.model.lint.LintRule} reporting
 * {@link dev.zksim.model.lint.Finding}s with the YAML path, the line, what goes wrong at run time and the fix.
 */
package dev.zksim.model.lint;
