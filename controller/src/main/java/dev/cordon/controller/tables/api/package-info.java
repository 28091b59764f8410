/**
 * The gRPC face of the tables and policy documents: {@link
 * dev.cordon.controller.tables.api.PolicyTableSide} implements the API's {@code TableSide} seam by
 * mapping requests to the domain services of {@code policy} and {@code tables} and their results to
 * proto messages. Nothing here decides anything.
 */
package dev.cordon.controller.tables.api;
