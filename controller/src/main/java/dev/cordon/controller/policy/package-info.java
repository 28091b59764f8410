/**
 * Policy documents as the controller keeps them: applying one (validated, with every problem's line
 * and column; stored as the next version with its author, time and a diff against the previous one,
 * in one compare-and-set with its audit entry), the history, any version, diffs, and what-if
 * questions answered against the current document and the live registry. No proto types here.
 */
package dev.cordon.controller.policy;
