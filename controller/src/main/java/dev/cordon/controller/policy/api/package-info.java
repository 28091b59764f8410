/**
 * Policy documents, diffs, problems and what-if answers as proto messages, and what-if questions
 * from them. Pure mapping; the Admin RPCs themselves are served by {@code
 * dev.cordon.controller.tables.api.PolicyTableSide}.
 */
package dev.cordon.controller.policy.api;
