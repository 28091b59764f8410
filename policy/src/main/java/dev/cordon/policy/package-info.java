/**
 * Policy, pure: the declarative model and its YAML loader, the compiler to enforcement tables, the
 * flow evaluator and the connection tracker. No I/O, no gRPC.
 */
package dev.cordon.policy;
