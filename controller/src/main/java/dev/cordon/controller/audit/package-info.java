/**
 * The append-only audit log: who did what to which target, when, with what outcome. Entries are
 * written in the same store transaction as the change they record where there is one, so a change
 * never lands without its entry; refusals are appended on their own, through {@link
 * dev.cordon.controller.audit.DenialAggregator}, which writes a caller's first refusal and then one
 * counted summary per window, so that a flood of refused calls cannot grow the log without bound.
 */
package dev.cordon.controller.audit;
