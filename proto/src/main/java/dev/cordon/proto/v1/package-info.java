/**
 * The cordon.v1 wire contracts: messages and gRPC stubs generated from {@code
 * src/main/proto/cordon/v1}. Nothing here is written by hand except this file; the controller,
 * gateway and client map these types to their own domain types at their edges.
 */
package dev.cordon.proto.v1;
