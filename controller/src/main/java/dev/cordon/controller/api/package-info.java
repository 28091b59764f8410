/**
 * The gRPC face of the controller: TLS 1.3 server setup, one interceptor that turns the TLS session
 * into a verified caller and checks the access table, one error mapper, metrics, and service
 * classes that only map a request to a domain call and its result to a reply. Policy and table RPCs
 * go to {@link dev.cordon.controller.api.TableSide}, which answers UNIMPLEMENTED until the policy
 * side is plugged in.
 */
package dev.cordon.controller.api;
