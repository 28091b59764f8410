/**
 * Reads a policy document from YAML (snakeyaml's node graph, so every problem keeps its line and
 * column) and validates it: unknown keys, wrong types, bad addresses and ports, duplicate names,
 * missing references, and rules that are shadowed or can never match. All problems are collected;
 * none stops the reading early.
 */
package dev.cordon.policy.load;
