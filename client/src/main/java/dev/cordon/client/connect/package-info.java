/**
 * Channels to the controller: mTLS (TLS 1.3 only) through grpc-netty-shaded, the admin credential
 * and where it is found, and the one mapping from gRPC statuses to messages and exit codes.
 */
package dev.cordon.client.connect;
