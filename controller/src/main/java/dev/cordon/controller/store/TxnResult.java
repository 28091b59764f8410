package dev.cordon.controller.store;

/**
 * The outcome of a transaction: whether every compare held (so the then-branch ran) and the store's
 * revision after it. A branch that changed something ran at exactly {@code revision}.
 */
public record TxnResult(boolean succeeded, long revision) {}
